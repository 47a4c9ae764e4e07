"""The public site's own pages; the pages of each area stay in their apps."""

from django.urls import path

from trustboard.public import home, outcomes_views

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
