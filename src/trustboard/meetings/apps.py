from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "trustboard.meetings"
    label = "meetings"
    verbose_name = "Meetings and decisions"

    def ready(self):
        from trustboard.meetings import recovery

        recovery.connect()
