from django.urls import path

from trustboard.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.indicator_list, name="indicator-list"),
    path("imports/", views.import_list, name="import-list"),
    path("imports/new/", views.data_upload, name="data-upload"),
    path("<int:pk>/", views.indicator_detail, name="indicator-detail"),
    path("<int:pk>/edit/", views.indicator_edit, name="indicator-edit"),
    path("areas/<str:code>/", views.area_profile, name="area-profile"),
]
