from django.apps import AppConfig


class ThreadConfig(AppConfig):
    name = "trustboard.thread"
    label = "thread"
    verbose_name = "The golden thread"
