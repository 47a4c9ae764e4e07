from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "trustboard.governance"
    label = "governance"
    verbose_name = "Governance structure"
