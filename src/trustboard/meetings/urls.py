from django.urls import path

from trustboard.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("calendar.ics", views.calendar, name="calendar"),
    path("bodies/<int:pk>/calendar.ics", views.body_calendar, name="body-calendar"),
    path("newsletter/", views.newsletter, name="newsletter"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/items/new/", views.item_create, name="item-create"),
    path("<int:pk>/attendance/", views.attendance_edit, name="attendance-edit"),
    path("<int:pk>/decisions/new/", views.decision_create, name="decision-create"),
    path("<int:pk>/actions/new/", views.action_create, name="action-create"),
    path("<int:pk>/messages/new/", views.key_message_create, name="key-message-create"),
]
