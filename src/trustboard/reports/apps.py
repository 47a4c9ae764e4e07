from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "trustboard.reports"
    label = "reports"
    verbose_name = "Committee reports"
