from django.urls import path

from trustboard.governance import views

app_name = "governance"
urlpatterns = [
    path("", views.scenario_list, name="scenario-list"),
]
