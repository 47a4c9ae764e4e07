from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "trustboard.reviews"
    label = "reviews"
    verbose_name = "Board reviews"

    def ready(self) -> None:
        from trustboard.reviews import signals  # noqa: F401
