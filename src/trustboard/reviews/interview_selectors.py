"""Reads for a review's interviews: who was interviewed, and the themes they raised."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from trustboard.reviews.followup_models import Interview, IntervieweeGroup, InterviewNote


def interview_list(*, review) -> QuerySet[Interview]:
    """The review's interviews with their notes and the notes' themes (three queries)."""
    return Interview.objects.filter(review=review).prefetch_related(
        Prefetch("notes", queryset=InterviewNote.objects.prefetch_related("themes")))


@dataclass(frozen=True)
class Quote:
    text: str
    role: str
    organisation: str

    @property
    def source(self) -> str:
        return f"{self.role}, {self.organisation}"


@dataclass(frozen=True)
class ThemeCount:
    """A theme, how many interviewees (sources) raised it, and what they said."""

    name: str
    sources: int
    of: int
    quotes: list[Quote]


@dataclass(frozen=True)
class InterviewSummary:
    interviews: list[Interview]
    groups: dict[str, int]  # interviews by IntervieweeGroup value
    themes: list[ThemeCount]

    @property
    def total(self) -> int:
        return len(self.interviews)

    def count(self, group: str) -> int:
        return self.groups.get(group, 0)


def interview_summary(*, review) -> InterviewSummary:
    """Each theme with the number of interviewees who raised it, most raised first, and
    their notes quoted (three queries)."""
    interviews = list(interview_list(review=review))
    raised: dict[str, set[int]] = {}
    quotes: dict[str, list[Quote]] = {}
    for interview in interviews:
        for note in interview.notes.all():
            for theme in note.themes.all():
                raised.setdefault(theme.name, set()).add(interview.pk)
                quotes.setdefault(theme.name, []).append(
                    Quote(note.text, interview.role, interview.organisation))
    themes = sorted((ThemeCount(name, len(who), len(interviews), quotes[name])
                     for name, who in raised.items()),
                    key=lambda one: (-one.sources, one.name.casefold()))
    groups = Counter(one.group for one in interviews)
    return InterviewSummary(interviews=interviews,
                            groups={key: groups.get(key, 0) for key in IntervieweeGroup.values},
                            themes=themes)
