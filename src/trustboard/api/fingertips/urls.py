"""The national profiles' API paths (https://fingertips.phe.org.uk/api/...), under
/api/fingertips/: a script that sets its base URL there reads Trustboard's public data."""

from django.urls import path

from trustboard.api.fingertips import views

app_name = "fingertips"
urlpatterns = [
    path("all_data/csv/by_indicator_id", views.all_data_by_indicator,
         name="all-data-by-indicator"),
    path("all_data/csv/by_profile_id", views.all_data_by_profile, name="all-data-by-profile"),
    path("indicator_metadata/by_indicator_id", views.indicator_metadata,
         name="indicator-metadata"),
    path("indicator_metadata/all", views.indicator_metadata_all, name="indicator-metadata-all"),
    path("indicator_metadata/csv/all", views.indicator_metadata_csv_all,
         name="indicator-metadata-csv-all"),
    path("indicator_metadata/csv/by_indicator_id", views.indicator_metadata_csv_by_indicator,
         name="indicator-metadata-csv-by-indicator"),
    path("indicator_metadata/csv/by_group_id", views.indicator_metadata_csv_by_group,
         name="indicator-metadata-csv-by-group"),
    path("indicator_metadata/csv/by_profile_id", views.indicator_metadata_csv_by_profile,
         name="indicator-metadata-csv-by-profile"),
    path("areas/by_area_type", views.areas_by_area_type, name="areas-by-area-type"),
    path("area_types", views.area_types, name="area-types"),
    path("area_types/parent_area_types", views.parent_area_types, name="parent-area-types"),
    path("ages", views.ages, name="ages"),
    path("sexes", views.sexes, name="sexes"),
    path("value_notes", views.value_notes, name="value-notes"),
    path("profiles", views.profiles, name="profiles"),
    path("profile", views.profile, name="profile"),
    path("group_metadata", views.group_metadata, name="group-metadata"),
    path("available_data", views.available_data, name="available-data"),
]
