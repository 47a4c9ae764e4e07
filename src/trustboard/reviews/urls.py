from django.urls import path  # noqa: F401

app_name = "reviews"
urlpatterns: list = []

# The interviews, themes and report of a review (followup_urls.py).
from trustboard.reviews.followup_urls import urlpatterns as followup  # noqa: E402

urlpatterns += followup
