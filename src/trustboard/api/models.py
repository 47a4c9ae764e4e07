"""A person's API tokens: each acts as its user, stored as a hash and shown once."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ApiToken(models.Model):
    """A bearer token for Trustboard's API (`Authorization: Bearer tb_...`).

    Only the SHA-256 of the token is kept, with its first characters to tell tokens apart on
    the page; the token itself is shown to its user once, when it is made.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(max_length=100,
                            help_text="What the token is for, e.g. the weekly import script.")
    prefix = models.CharField(max_length=12, db_index=True,
                              help_text="The token's first characters, to recognise it by.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField(null=True, blank=True,
                                  help_text="The last day the token works; blank: until revoked.")
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
