"""The public site's own pages; the pages of each area stay in their apps."""

from django.urls import path  # noqa: F401 (each section below adds its paths)

app_name = "public"
urlpatterns = [
]
