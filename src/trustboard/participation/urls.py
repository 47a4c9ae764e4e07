from django.urls import path

from trustboard.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.you_said_we_did, name="you-said-we-did"),
    path("engagements/", views.engagement_list, name="engagement-list"),
    path("engagements/new/", views.engagement_create, name="engagement-create"),
    path("engagements/<int:pk>/", views.engagement_detail, name="engagement-detail"),
    path("engagements/<int:pk>/edit/", views.engagement_edit, name="engagement-edit"),
    path("engagements/<int:pk>/findings/new/", views.finding_create, name="finding-create"),
    path("findings/<int:pk>/edit/", views.finding_edit, name="finding-edit"),
    path("findings/<int:pk>/response/", views.response_edit, name="response-edit"),
    path("awaiting/", views.awaiting_response, name="awaiting-response"),
]
