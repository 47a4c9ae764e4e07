from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "trustboard.risks"
    label = "risks"
    verbose_name = "Risks, issues and strategies"
