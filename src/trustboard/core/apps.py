from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "trustboard.core"
    label = "core"
    verbose_name = "Trustboard core"
