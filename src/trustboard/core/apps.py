from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "trustboard.core"
    label = "core"
    verbose_name = "Trustboard core"

    def ready(self) -> None:
        # Watch every database connection's writes, so cached public pages expire.
        from trustboard.core import page_cache  # noqa: F401
