from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "trustboard.public"
    label = "public"
    verbose_name = "The public site: home, outcomes framework, benchmarks and open data"
