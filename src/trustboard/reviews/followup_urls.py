"""A review's interviews, themes and report: added to the reviews app's URLs."""

from django.urls import path

from trustboard.reviews import followup_views as views

urlpatterns = [
    path("<slug:slug>/interviews/", views.interview_list, name="interview-list"),
    path("<slug:slug>/interviews/add/", views.interview_add, name="interview-add"),
    path("<slug:slug>/interviews/<int:pk>/notes/add/", views.interview_note,
         name="interview-note-add"),
    path("<slug:slug>/themes/", views.theme_list, name="theme-list"),
    path("<slug:slug>/report/write/", views.review_report_write, name="review-report-write"),
]
