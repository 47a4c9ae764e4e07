from django.conf import settings
from django.urls import reverse

from trustboard.core.permissions import permissions_of, role_of

# The service navigation; later apps add their sections here.
SECTIONS = [
    ("Structure", "governance:scenario-list", "/structure/"),
    ("Plan", "plans:plan-list", "/plan/"),
    ("Outcomes", "public:outcomes", "/outcomes/"),
    ("Indicators", "performance:indicator-list", "/indicators/"),
    ("Benchmarks", "public:benchmarks", "/benchmarks/"),
    ("Meetings", "meetings:meeting-list", "/meetings/"),
    ("Reports", "reports:report-list", "/reports/"),
    ("Reviews", "reviews:review-list", "/reviews/"),
    ("Commissioning", "commissioning:service-list", "/commissioning/"),
    ("You said, we did", "participation:you-said-we-did", "/participation/"),
]


def navigation(request):
    path = request.path
    return {
        "partnership_name": settings.TRUSTBOARD_PARTNERSHIP_NAME,
        "can": permissions_of(request.user),
        "user_role": role_of(request.user),
        "navigation": [
            {"text": text, "href": reverse(name), "active": path.startswith(prefix)}
            for text, name, prefix in SECTIONS
        ],
    }
