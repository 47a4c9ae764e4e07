"""Write helpers every app's services share."""

from django.core.exceptions import ValidationError
from django.db.models import Max, QuerySet

from trustboard.core.errors import RuleError


def record_save(record, *, by, exclude: list[str] | None = None):
    """Validate a record, refuse it with the first field's message, save it naming `by`."""
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise RuleError(" ".join(messages),
                        field=None if field == "__all__" else field) from error
    record._history_user = by
    record.save()
    return record


def record_delete(record, *, by) -> None:
    record._history_user = by
    record.delete()


def rows_lock(rows: QuerySet) -> None:
    """Lock `rows` until the transaction ends, so a second writer waits for the first to
    commit and then reads what it wrote.

    On PostgreSQL the rows are locked FOR NO KEY UPDATE: rows merely referring to them are
    not held up. SQLite takes its write lock when the transaction begins (IMMEDIATE,
    settings.py), which serialises the writers there.
    """
    list(rows.select_for_update(no_key=True).values_list("pk", flat=True))


def number_next(*, among: QuerySet, field: str, lock: QuerySet) -> int:
    """Return the number after the highest `field` of `among`, holding `lock`'s rows (e.g.
    the meeting) until the transaction ends, so two writers never take the same number.

    Call it inside the transaction that saves the numbered record.
    """
    rows_lock(lock)
    return (among.aggregate(last=Max(field))["last"] or 0) + 1
