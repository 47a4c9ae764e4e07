from django.urls import path

from trustboard.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("write/", views.report_write, name="report-write"),
    path("<int:pk>/", views.report_detail, name="report-detail"),
    path("<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("<int:pk>/issue/", views.report_issue, name="report-issue"),
    path("<int:pk>/rewrite/", views.report_rewrite, name="report-rewrite"),
    path("<int:pk>/download/<str:format>/", views.report_download, name="report-download"),
]
