from django.urls import path

from trustboard.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("<slug:slug>/", views.plan_detail, name="plan-detail"),
    path("<slug:slug>/actions/<int:pk>/", views.key_action_detail, name="key-action-detail"),
    path("<slug:slug>/actions/<int:pk>/update/", views.key_action_update,
         name="key-action-update"),
]
