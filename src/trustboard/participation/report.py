"""The reports' "you said, we did" section, written from the engagements of the period.

Plymouth 2014 (seed 001): the partnership must "champion the voice of children and young
people and parents in service design"; the six-monthly and annual reports say what children
and families said and what changed.
"""

from trustboard.participation.models import ResponseKind
from trustboard.participation.selectors import ParticipationSummary
from trustboard.reports.narrative import Bullet, bullets_to_text, number_in_words

HEADING = "What children, young people and families said, and what changed"


def _plural(count: int, one: str, many: str) -> str:
    return f"{number_in_words(count)} {one if count == 1 else many}"


def _what_changed(row) -> str:
    response = row.response
    if response is None:
        return ("No response yet; it is overdue." if row.is_overdue
                else "The response is still to come.")
    text = response.text.strip().rstrip(".") + "."
    if response.kind == ResponseKind.WILL:
        return f"We will, by {response.will_by.day} {response.will_by:%B %Y}: {text}"
    if response.kind == ResponseKind.CANNOT:
        return f"We cannot: {text} {response.reason.strip().rstrip('.')}."
    return f"We did: {text}"


def participation_paragraphs(summary: ParticipationSummary | None, *, period: str) -> str:
    """The section's text in the reports' editable form; empty when nothing was heard in the
    period, so the report leaves the section out."""
    if summary is None or not summary.engagement_count:
        return ""
    heard = (f"{_capital(period)}, the partnership heard from children, young people and "
             f"families through {_plural(summary.engagement_count, 'engagement', 'engagements')}"
             + (f", in which {_plural(summary.participant_count, 'person', 'people')} took part"
                if summary.participant_count else "")
             + ". What they said, and what changed (\"you said, we did\"):")
    bullets = [Bullet(f"{row.finding.topic.name}: {row.finding.title.rstrip('.')}. "
                      f"{_what_changed(row)}") for row in summary.rows]
    total = len(summary.rows)
    tally = (f"{_capital(number_in_words(summary.responded))} of the "
             f"{_plural(total, 'finding', 'findings')} had a response"
             + (f"; {_plural(summary.overdue, 'is', 'are')} overdue."
                if summary.overdue else "."))
    return bullets_to_text(heard, bullets) + "\n\n" + tally


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
