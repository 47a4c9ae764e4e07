"""Public pages served from a cache that no change to the data can outlive.

Every write to the partnership's data, by any process, raises the number in the one
DataVersion row in the same transaction: a wrapper on every database connection watches
the statements Django runs (so saves, bulk creates, updates and deletes are all seen),
and the few writers that go round Django (the import's COPY and raw inserts) call
`data_changed()` themselves. A public page is cached under the number read at the start
of its request, so once a change commits no request can be answered from before it.

Only pages for the anonymous public are cached: a signed-in page carries its reader's
name, their permissions and a CSRF token.
"""

from __future__ import annotations

import re
from functools import wraps

from django.core.cache import cache
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone

from trustboard.core.models import DataVersion

# Writes to these tables are not what public pages show: sign-ins and their accounts,
# sessions, the queue and its jobs.
_NOT_DATA = ("django_session", "axes_", "django_tasks_database_", "core_job",
             "core_dataversion", "django_admin_log", "core_user", "core_historicaluser")
_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)',
    re.IGNORECASE)
_TABLE = DataVersion._meta.db_table
CACHE_SECONDS = 24 * 60 * 60


def data_changed(using: str = "default") -> None:
    """Raise the data version, in the current transaction if there is one."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"UPDATE {_TABLE} SET version = version + 1 WHERE id = 1")
        if cursor.rowcount == 0:  # a flushed database (tests) has lost the row
            cursor.execute(f"INSERT INTO {_TABLE} (id, version) VALUES (1, 1) "
                           f"ON CONFLICT DO NOTHING")


# While migrations run, the version's table may not exist yet; nothing is cached then
# that outlives the processes a deployment restarts.
_migrating = False


@receiver(pre_migrate)
def _migration_starts(**kwargs) -> None:
    global _migrating
    _migrating = True


@receiver(post_migrate)
def _migration_ends(**kwargs) -> None:
    global _migrating
    _migrating = False


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = None if _migrating or not isinstance(sql, str) else _WRITE.match(sql)
    if match and not match.group(1).lower().startswith(_NOT_DATA):
        data_changed(context["connection"].alias)
    return result


@receiver(connection_created)
def _watch_connection(sender, connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def data_version() -> int | None:
    return DataVersion.objects.filter(pk=1).values_list("version", flat=True).first()


def public_page_cache(view):
    """Serve the anonymous public a GET page from the cache while the data is unchanged."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if (request.method != "GET" or request.user.is_authenticated
                or "messages" in request.COOKIES):
            return view(request, *args, **kwargs)
        version = data_version()
        if version is None:
            return view(request, *args, **kwargs)
        # Pages judge currency against today, so a new day is a new page too.
        key = f"page:{version}:{timezone.localdate()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if (response.status_code == 200 and not response.streaming
                and not response.cookies):
            cache.set(key, (response.content, response["Content-Type"]), CACHE_SECONDS)
        return response

    return wrapped
