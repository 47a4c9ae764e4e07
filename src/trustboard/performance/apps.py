from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "trustboard.performance"
    label = "performance"
    verbose_name = "Indicators and benchmarking"

    def ready(self) -> None:
        # Imports whose process died are marked failed when the worker recovers jobs.
        from trustboard.performance import recovery

        recovery.connect()
