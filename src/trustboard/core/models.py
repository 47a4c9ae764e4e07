from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    """What a signed-in person may do; the anonymous public has no role."""

    ADMINISTRATOR = "administrator", "Administrator"
    OFFICER = "officer", "Partnership officer"
    ANALYST = "analyst", "Analyst"
    MEMBER = "member", "Board or group member"


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    def __str__(self) -> str:
        return self.get_full_name() or self.username
