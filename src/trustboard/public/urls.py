"""The public site's own pages; the pages of each area stay in their apps."""

from django.urls import path

from trustboard.public import home, outcomes_views, views_open_data

app_name = "public"
urlpatterns = [
    # home and navigation (the home page itself is routed as core:home, in core/urls.py)
    path("accessibility/", home.accessibility, name="accessibility"),
    path("sitemap.xml", home.sitemap, name="sitemap"),
    path("robots.txt", home.robots, name="robots"),
]

# The outcomes framework and benchmarks (docs/public-site.md)
urlpatterns += [
    path("outcomes/", outcomes_views.outcomes, name="outcomes"),
    path("outcomes/<slug:slug>/", outcomes_views.outcomes_plan, name="outcomes-plan"),
    path("outcomes/<slug:slug>/priorities/<int:number>/", outcomes_views.outcomes_priority,
         name="outcomes-priority"),
    path("benchmarks/", outcomes_views.benchmarks, name="benchmarks"),
    path("benchmarks/<str:code>/", outcomes_views.benchmark_area, name="benchmark-area"),
]

# Open data: the catalogue, each dataset as CSV and its CSVW dictionary.
urlpatterns += [
    path("open-data/", views_open_data.open_data_catalogue, name="open-data"),
    path("open-data/<slug:slug>.csv", views_open_data.open_data_csv, name="open-data-csv"),
    path("open-data/<slug:slug>.csv-metadata.json", views_open_data.open_data_dictionary,
         name="open-data-dictionary"),
]
