from django.urls import path

from trustboard.risks import views

app_name = "risks"
urlpatterns = [
    path("<slug:slug>/", views.risk_list, name="risk-list"),
    path("<slug:slug>/heat-map/", views.heat_map, name="heat-map"),
    path("<slug:slug>/new/", views.risk_edit, name="risk-add"),
    path("<slug:slug>/<int:pk>/", views.risk_detail, name="risk-detail"),
    path("<slug:slug>/<int:pk>/edit/", views.risk_edit, name="risk-edit"),
    path("<slug:slug>/<int:pk>/review/", views.risk_review, name="risk-review"),
    path("<slug:slug>/<int:pk>/mitigations/new/", views.mitigation_add, name="mitigation-add"),
    path("<slug:slug>/<int:pk>/escalate/", views.risk_escalate_view, name="risk-escalate"),
    path("<slug:slug>/strategies/", views.strategy_list, name="strategy-list"),
    path("<slug:slug>/strategies/new/", views.strategy_edit, name="strategy-add"),
    path("<slug:slug>/strategies/<int:pk>/", views.strategy_detail, name="strategy-detail"),
    path("<slug:slug>/strategies/<int:pk>/edit/", views.strategy_edit, name="strategy-edit"),
]
