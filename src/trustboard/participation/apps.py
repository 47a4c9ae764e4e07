from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "trustboard.participation"
    label = "participation"
    verbose_name = "Participation: engagements, findings and \"you said, we did\""
