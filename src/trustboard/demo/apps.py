from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "trustboard.demo"
    label = "demo"
    verbose_name = "Demo partnership"
