"""Writes for a review's interviews: the interview, its notes, and the themes they raise."""

from __future__ import annotations

from django.db import transaction

from trustboard.core.errors import RuleError
from trustboard.core.services import record_save
from trustboard.reviews.followup_models import Interview, InterviewNote, InterviewTheme


@transaction.atomic
def interview_save(*, interview: Interview, by) -> Interview:
    """Record an interview: the interviewee's post and organisation, and the date."""
    interview.role, interview.organisation = interview.role.strip(), interview.organisation.strip()
    if not interview.role:
        raise RuleError("Give the interviewee's role or post.", field="role")
    if not interview.organisation:
        raise RuleError("Give the interviewee's organisation.", field="organisation")
    if interview.held_on is None:
        raise RuleError("Give the date of the interview.", field="held_on")
    return record_save(interview, by=by)


def _themes(review, names: list[str], by) -> list[InterviewTheme]:
    themes = []
    for name in dict.fromkeys(" ".join(one.split()) for one in names if one.strip()):
        theme = InterviewTheme.objects.filter(review=review, name__iexact=name).first()
        if theme is None:
            theme = record_save(InterviewTheme(review=review, name=name[:200]), by=by)
        themes.append(theme)
    return themes


@transaction.atomic
def interview_note_add(*, interview: Interview, text: str, themes: list[str],
                       by) -> InterviewNote:
    """Add a point the interviewee made, tagged with its themes (new ones are created)."""
    text = text.strip()
    if not text:
        raise RuleError("Write the note: what the interviewee said.", field="text")
    note = record_save(InterviewNote(interview=interview, text=text), by=by)
    tagged = _themes(interview.review, themes, by)
    note._history_user = by
    note.themes.set(tagged)
    return note
