from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "trustboard.performance"
    label = "performance"
    verbose_name = "Indicators and benchmarking"
