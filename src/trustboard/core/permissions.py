"""The one permission layer: every view, command and API endpoint asks `user_can`.

Roles are deliberately few (DESIGN.md "Who uses it"); the public is the anonymous user.
Object rules (a member sees the exempt papers of their own bodies) build on these.
"""

from enum import StrEnum
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from trustboard.core.models import Role


class Permission(StrEnum):
    VIEW_STRUCTURE = "governance.view"
    EDIT_STRUCTURE = "governance.edit"
    VIEW_HISTORY = "core.view_history"
    IMPORT_DATA = "performance.import"
    EDIT_INDICATORS = "performance.edit"
    EDIT_INDICATOR_SETTINGS = "performance.settings"
    APPROVE_PUBLICATION = "performance.approve"
    UPDATE_OWN_ACTIONS = "plans.update_own"
    EDIT_PLAN = "plans.edit"
    RUN_MEETINGS = "meetings.edit"
    WRITE_REPORTS = "reports.write"
    VIEW_RISKS = "risks.view"
    EDIT_RISKS = "risks.edit"
    VIEW_REVIEWS = "reviews.view"
    RUN_REVIEWS = "reviews.edit"


_STAFF = frozenset({Role.ADMINISTRATOR, Role.OFFICER})
_SIGNED_IN = frozenset(Role)
_EVERYONE = frozenset({None, *Role})

GRANTS: dict[Permission, frozenset[Role | None]] = {
    Permission.VIEW_STRUCTURE: _EVERYONE,
    Permission.EDIT_STRUCTURE: _STAFF,
    Permission.VIEW_HISTORY: _SIGNED_IN,
    Permission.IMPORT_DATA: _STAFF | {Role.ANALYST},
    Permission.EDIT_INDICATORS: _STAFF | {Role.ANALYST},
    # An indicator's owner, polarity and whether it needs approval decide what the public
    # sees and how it is judged: the partnership's officers' call, not an analyst's.
    Permission.EDIT_INDICATOR_SETTINGS: _STAFF,
    Permission.APPROVE_PUBLICATION: _STAFF,
    Permission.UPDATE_OWN_ACTIONS: _SIGNED_IN,
    Permission.EDIT_PLAN: _STAFF,
    Permission.RUN_MEETINGS: _STAFF,
    Permission.WRITE_REPORTS: _STAFF,
    # A risk register names weaknesses in services before they are dealt with: the
    # partnership's members read it; the public reads what the board's papers publish.
    Permission.VIEW_RISKS: _SIGNED_IN,
    Permission.EDIT_RISKS: _STAFF,
    # A review's results are the partnership's own business until its report is published.
    Permission.VIEW_REVIEWS: _SIGNED_IN,
    Permission.RUN_REVIEWS: _STAFF,
}


def role_of(user) -> Role | None:
    """The user's role, or None for the anonymous public."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    return Role(user.role)


def user_can(user, permission: Permission) -> bool:
    return role_of(user) in GRANTS[permission]


def permissions_of(user) -> frozenset[str]:
    """Every permission the user holds, for templates (`{% if 'governance.edit' in can %}`)."""
    role = role_of(user)
    return frozenset(permission.value for permission, roles in GRANTS.items() if role in roles)


def permission_required(permission: Permission):
    """Send the public to sign in; refuse a signed-in user without the permission (403)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if user_can(request.user, permission):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(f"Your role does not allow this ({permission.value}).")

        return wrapped

    return decorator
