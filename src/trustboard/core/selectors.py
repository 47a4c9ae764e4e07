"""Reads shared by every app: the audit trail of a record."""

from dataclasses import dataclass
from datetime import datetime

_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    action: str
    changes: list[FieldChange]


def history_of(record, *, limit: int = 25) -> list[HistoryEntry]:
    """The newest changes to a record, each with the fields it changed; one query."""
    rows = list(record.history.select_related("history_user").order_by("-history_date", "-pk")
                [: limit + 1])
    # Comparing many-to-many history costs a query a row, so those changes are named only.
    links = [field.name for field in record._meta.many_to_many]
    entries = []
    for newer, older in zip(rows[:limit], [*rows[1:], None], strict=False):
        changes = []
        action = _ACTIONS.get(newer.history_type, newer.history_type)
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older, excluded_fields=links)
            changes = [
                FieldChange(field=_label(record, change.field), old=_text(change.old),
                            new=_text(change.new))
                for change in delta.changes
            ]
            if not changes and links:
                action = "Changed " + " or ".join(
                    str(record._meta.get_field(name).verbose_name) for name in links)
        entries.append(HistoryEntry(
            when=newer.history_date,
            who=str(newer.history_user) if newer.history_user else "System",
            action=action,
            changes=changes,
        ))
    return entries


def _label(record, field_name: str) -> str:
    try:
        return str(record._meta.get_field(field_name).verbose_name).capitalize()
    except LookupError:
        return field_name


def _text(value) -> str:
    if value in (None, ""):
        return "(blank)"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value) or "(none)"
    return str(value)
