from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "trustboard.plans"
    label = "plans"
    verbose_name = "Plan, priorities and key actions"
