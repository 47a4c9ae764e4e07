"""The public site's own pages; the pages of each area stay in their apps."""

from django.urls import path

from trustboard.public import home

app_name = "public"
urlpatterns = [
    # home and navigation (the home page itself is routed as core:home, in core/urls.py)
    path("accessibility/", home.accessibility, name="accessibility"),
    path("sitemap.xml", home.sitemap, name="sitemap"),
    path("robots.txt", home.robots, name="robots"),
]
