from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "trustboard.api"
    label = "api"
    verbose_name = "The API: Trustboard's own and the national profiles' (Fingertips)"
