from django.urls import path

from trustboard.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("<slug:slug>/", views.plan_detail, name="plan-detail"),
    path("<slug:slug>/dashboard/", views.plan_dashboard, name="dashboard"),
    path("<slug:slug>/reporting-date/", views.plan_reporting_date, name="reporting-date"),
    path("<slug:slug>/exceptions/", views.plan_exceptions, name="exceptions"),
    path("<slug:slug>/mine/", views.my_updates, name="my-updates"),
    path("<slug:slug>/approvals/", views.approvals, name="approvals"),
    path("<slug:slug>/priorities/<int:pk>/edit/", views.priority_edit, name="priority-edit"),
    path("<slug:slug>/actions/<int:pk>/", views.key_action_detail, name="key-action-detail"),
    path("<slug:slug>/actions/<int:pk>/edit/", views.key_action_edit, name="key-action-edit"),
    path("<slug:slug>/actions/<int:pk>/update/", views.key_action_update,
         name="key-action-update"),
]
