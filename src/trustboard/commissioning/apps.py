from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "trustboard.commissioning"
    label = "commissioning"
    verbose_name = "Needs, commissioned services and commissioning decisions"
