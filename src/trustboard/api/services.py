"""Every write of the API app: making and revoking a person's API tokens."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from trustboard.api.models import ApiToken
from trustboard.core.errors import RuleError

#: Every token starts with this, so a leaked one is recognisable (secret scanners look for it).
TOKEN_START = "tb_"
PREFIX_LENGTH = 10


def token_digest(token: str) -> str:
    """The SHA-256 of a token, as stored: the token has 256 random bits, so no salt or slow
    hash is needed (unlike a password, it cannot be guessed from a list)."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class MadeToken:
    """A token just made: the record, and the token itself, which is never shown again."""

    record: ApiToken
    token: str


@transaction.atomic
def api_token_create(*, user, name: str, expires_on: date | None = None) -> MadeToken:
    """Make a token that acts as `user`; return it with the one copy of its secret."""
    name = (name or "").strip()
    if not name:
        raise RuleError("Enter a name for the token, saying what it is for.", field="name")
    if len(name) > 100:
        raise RuleError("A token's name is at most 100 characters.", field="name")
    if expires_on is not None and expires_on < timezone.localdate():
        raise RuleError("The expiry date must be today or later.", field="expires_on")
    token = TOKEN_START + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(user=user, name=name, prefix=token[:PREFIX_LENGTH],
                                     digest=token_digest(token), expires_on=expires_on)
    return MadeToken(record=record, token=token)


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Stop a token working from now on; revoking it again changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
