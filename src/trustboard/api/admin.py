from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trustboard.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Tokens are made by their users on their own page; here they can only be revoked
    (set "revoked at") or looked at. The digest never gives the token back."""

    list_display = ("name", "user", "prefix", "created_at", "expires_on", "revoked_at",
                    "last_used_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username")
    readonly_fields = ("user", "name", "prefix", "digest", "created_at", "last_used_at")

    def has_add_permission(self, request) -> bool:
        return False
