from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("trustboard.core.urls")),
    path("", include("trustboard.public.urls")),
    path("structure/", include("trustboard.governance.urls")),
    path("plan/", include("trustboard.plans.urls")),
    path("indicators/", include("trustboard.performance.urls")),
    path("meetings/", include("trustboard.meetings.urls")),
    path("reports/", include("trustboard.reports.urls")),
    path("risks/", include("trustboard.risks.urls")),
    path("reviews/", include("trustboard.reviews.urls")),
    path("recommendations/", include("trustboard.reviews.recommendation_urls")),
    path("commissioning/", include("trustboard.commissioning.urls")),
    path("participation/", include("trustboard.participation.urls")),
    path("thread/", include("trustboard.thread.urls")),
    path("api/fingertips/", include("trustboard.api.fingertips.urls")),
    path("api/", include("trustboard.api.urls")),
    path("admin/", admin.site.urls),
]
