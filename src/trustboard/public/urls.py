"""The public site's own pages; the pages of each area stay in their apps."""

from django.urls import path

from trustboard.public import views_open_data

app_name = "public"
urlpatterns = [
]

# Open data: the catalogue, each dataset as CSV and its CSVW dictionary.
urlpatterns += [
    path("open-data/", views_open_data.open_data_catalogue, name="open-data"),
    path("open-data/<slug:slug>.csv", views_open_data.open_data_csv, name="open-data-csv"),
    path("open-data/<slug:slug>.csv-metadata.json", views_open_data.open_data_dictionary,
         name="open-data-dictionary"),
]
