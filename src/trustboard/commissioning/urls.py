from django.urls import path

from trustboard.commissioning import views

app_name = "commissioning"
urlpatterns = [
    path("", views.service_list, name="service-list"),
    path("needs/", views.topic_list, name="topic-list"),
    path("needs/new/", views.topic_create, name="topic-create"),
    path("needs/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("needs/<slug:slug>/edit/", views.topic_edit, name="topic-edit"),
    path("needs/<slug:slug>/documents/new/", views.document_add, name="document-add"),
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("services/new/", views.service_create, name="service-create"),
    path("services/<slug:slug>/", views.service_detail, name="service-detail"),
    path("services/<slug:slug>/edit/", views.service_edit, name="service-edit"),
    path("services/<slug:slug>/budget/", views.budget_set, name="budget-set"),
    path("services/<slug:slug>/decisions/new/", views.decision_create, name="decision-create"),
    path("services/<slug:slug>/schedule/", views.forward_plan_schedule, name="schedule"),
    path("budget/", views.budget, name="budget"),
    path("forward-plan/", views.forward_plan, name="forward-plan"),
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision-detail"),
]
