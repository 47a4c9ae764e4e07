from django.urls import path

from trustboard.reviews import recommendation_views as views

app_name = "recommendations"
urlpatterns = [
    path("", views.source_list, name="source-list"),
    path("add/", views.source_add, name="source-add"),
    path("<slug:source>/", views.source_detail, name="source-detail"),
    path("<slug:source>/add/", views.recommendation_add, name="recommendation-add"),
    path("<slug:source>/<int:pk>/response/", views.recommendation_response,
         name="recommendation-response"),
    path("<slug:source>/<int:pk>/actions/add/", views.action_edit, name="action-add"),
    path("<slug:source>/<int:pk>/actions/<int:action>/", views.action_edit,
         name="action-edit"),
]
