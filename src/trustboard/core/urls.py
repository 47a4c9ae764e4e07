from django.contrib.auth import views as auth_views
from django.urls import path

from trustboard.core import views
from trustboard.public import home

app_name = "core"
urlpatterns = [
    # Built by the public app; named here because every template and the sign-in redirect
    # point to "core:home".
    path("", home.home, name="home"),
    path("health/", views.health, name="health"),
    path("sign-in/", views.LoginView.as_view(), name="login"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/state.json", views.job_state_json, name="job-state"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
]
