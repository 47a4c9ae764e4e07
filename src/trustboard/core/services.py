"""Write helpers every app's services share."""

from django.core.exceptions import ValidationError

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
