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
    entries = []
    for newer, older in zip(rows[:limit], [*rows[1:], None], strict=False):
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            changes = [
                FieldChange(field=_label(record, change.field), old=_text(change.old),
                            new=_text(change.new))
                for change in delta.changes
            ]
        entries.append(HistoryEntry(
            when=newer.history_date,
            who=str(newer.history_user) if newer.history_user else "System",
            action=_ACTIONS.get(newer.history_type, newer.history_type),
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
    if isinstance(value, list) and value and isinstance(value[0], dict):
        # A many-to-many field's history holds link rows, not names: say how many.
        return f"{len(value)} selected"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value) or "(none)"
    return str(value)
