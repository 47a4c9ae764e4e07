from django.urls import path

from trustboard.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("calendar.ics", views.calendar, name="calendar"),
    path("bodies/<int:pk>/calendar.ics", views.body_calendar, name="body-calendar"),
    path("newsletter/", views.newsletter, name="newsletter"),
    path("coverage/", views.coverage, name="coverage"),
    path("attendance/", views.attendance_report, name="attendance-report"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("plan/", views.forward_plan_generate, name="forward-plan-generate"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting-cancel"),
    path("<int:pk>/items/new/", views.item_create, name="item-create"),
    path("items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/delete/", views.item_delete, name="item-delete"),
    path("items/<int:pk>/move/<str:direction>/", views.item_move, name="item-move"),
    path("<int:pk>/attendance/", views.attendance_edit, name="attendance-edit"),
    path("<int:pk>/decisions/new/", views.decision_create, name="decision-create"),
    path("<int:pk>/actions/new/", views.action_create, name="action-create"),
    path("<int:pk>/messages/new/", views.key_message_create, name="key-message-create"),
    path("<int:pk>/papers/new/", views.paper_create, name="paper-create"),
    path("papers/<int:pk>/", views.paper_download, name="paper-download"),
    path("<int:pk>/pack/publish/", views.pack_publish, name="pack-publish"),
    path("<int:pk>/pack/<int:number>/", views.pack_download, name="pack-download"),
    path("<int:pk>/pack/<int:number>/full/", views.pack_download, {"full": True},
         name="pack-download-full"),
    path("<int:pk>/minutes/", views.minutes_detail, name="minutes-detail"),
    path("<int:pk>/minutes/draft/", views.minutes_draft, name="minutes-draft"),
    path("<int:pk>/minutes/approve/", views.minutes_approve, name="minutes-approve"),
    path("minutes/sections/<int:pk>/edit/", views.minutes_section_edit,
         name="minutes-section-edit"),
    # declarations, the action log and the register of members' interests
    path("<int:pk>/declarations/new/", views.declaration_create, name="declaration-create"),
    path("actions/", views.action_log, name="action-log"),
    path("actions/<int:pk>/done/", views.action_complete, name="action-complete"),
    path("interests/", views.register, name="register"),
    path("interests/new/", views.interest_create, name="interest-create"),
    path("interests/<int:pk>/edit/", views.interest_edit, name="interest-edit"),
]
