from django.urls import path

from trustboard.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="review-list"),
    path("new/", views.review_create, name="review-create"),
    path("questions/", views.question_bank, name="question-bank"),
    path("questions/new/", views.question_create, name="question-create"),
    # The one-use link a respondent follows: public by design, the token is the key.
    path("answer/<uuid:public_id>/<str:token>/", views.answer, name="answer"),
    path("<slug:slug>/", views.review_detail, name="review-detail"),
    path("<slug:slug>/results/", views.review_results, name="results"),
    path("<slug:slug>/questionnaires/new/", views.questionnaire_create,
         name="questionnaire-create"),
    path("<slug:slug>/questionnaires/<int:pk>/", views.questionnaire_detail,
         name="questionnaire-detail"),
    path("<slug:slug>/questionnaires/<int:pk>/edit/", views.questionnaire_edit,
         name="questionnaire-edit"),
    path("<slug:slug>/questionnaires/<int:pk>/sections/new/", views.section_create,
         name="section-create"),
    path("<slug:slug>/questionnaires/<int:pk>/questions/add/", views.question_add,
         name="question-add"),
    path("<slug:slug>/questionnaires/<int:pk>/invite/", views.questionnaire_invite,
         name="questionnaire-invite"),
    path("<slug:slug>/questionnaires/<int:pk>/remind/", views.questionnaire_remind,
         name="questionnaire-remind"),
    path("<slug:slug>/questionnaires/<int:pk>/themes/", views.comment_themes,
         name="comment-themes"),
    path("<slug:slug>/questionnaires/<int:pk>/answers.csv", views.answers_export,
         name="answers-export"),
]

# The interviews, themes and report of a review (followup_urls.py).
from trustboard.reviews.followup_urls import urlpatterns as followup  # noqa: E402

urlpatterns += followup
