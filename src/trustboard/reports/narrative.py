"""The report's summary written from the data, as the 2013 Nottinghamshire report words it.

Paragraph 18 of the report to the Children and Young People's Committee, 14 January 2013:

    In summary, these performance reports indicate that:
    - good progress is being made in achieving the identified key actions. Lead
      officers/managers have identified that all activities are either on schedule or
      completed
    - of the sixteen performance indicators where comparison information is available,
      eight show that Nottinghamshire performance exceeds the national average. These are:
      ...
    - for four performance indicators, Nottinghamshire performance does not meet the
      national average. These are: ...

Counts under one hundred are written in words, as committee reports write them. Only an
indicator with a polarity (higher or lower is better) whose interval was judged better,
similar or worse than England counts as having comparison information ("similar" alone
also for an indicator with no polarity); "similar" is neither above nor below the
national average and is said so. Each indicator counts once,
however many priorities it serves. Pure Python: it reads the PlanPerformance's attributes
and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

#: The engine's comparison labels that judge an indicator against England.
JUDGED = ("better", "similar", "worse")
#: Indicator polarities that allow a judgement (performance.models.Polarity values).
WITH_POLARITY = ("higher_is_better", "lower_is_better")
#: Key action statuses the report counts as on track (plans.models.ActionStatus values).
ON_TRACK = ("completed", "on schedule")
#: Off-track statuses in the order the report names them, with the verb phrase for each.
#: "overdue" (past its due date and not completed, whatever the last update says) is what
#: plans.selectors shows for such an action, so an overdue action never counts as on track.
OFF_TRACK = (("overdue", "is overdue", "are overdue"),
             ("delayed", "is delayed", "are delayed"),
             ("at risk", "is at risk", "are at risk"),
             ("not started", "has not started", "have not started"))


def number_in_words(number: int) -> str:
    """Write a count as a committee report does: in words under one hundred, else figures.

    0 is "zero", 21 "twenty-one", 99 "ninety-nine", 100 "100", 1234 "1,234".
    """
    if number < 0:
        raise ValueError("A count cannot be negative.")
    if number >= 100:
        return f"{number:,}"
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def lower_first(name: str) -> str:
    """Lower an indicator name's first letter for a list inside a sentence, keeping acronyms.

    "Obesity in Reception Year" becomes "obesity in Reception Year"; "GCSE results" and
    "A*-C grades" stay as they are.
    """
    if not name:
        return name
    first_word = name.split()[0]
    if len(first_word) > 1 and not first_word[1:2].islower():
        return name
    return name[0].lower() + name[1:]


@dataclass(frozen=True)
class Bullet:
    """A point of the summary, with the items listed under it."""

    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """The indicators, each once, by what their latest value says against England."""

    better: list = field(default_factory=list)
    similar: list = field(default_factory=list)
    worse: list = field(default_factory=list)
    not_comparable: list = field(default_factory=list)

    @property
    def comparable(self) -> int:
        return len(self.better) + len(self.similar) + len(self.worse)


def _key(indicator_performance) -> object:
    indicator = indicator_performance.indicator
    return getattr(indicator, "pk", None) or id(indicator)


def unique_indicators(performance) -> list:
    """Each indicator once, in the order the priorities first name them."""
    seen: set = set()
    result = []
    for priority in performance.priorities:
        for one in priority.indicators:
            if _key(one) not in seen:
                seen.add(_key(one))
                result.append(one)
    return result


def area_name_of(performance) -> str:
    """The partnership's area as the report names it ("Nottinghamshire")."""
    return getattr(performance.area, "name", None) or "the area's"


def unique_actions(performance) -> list:
    return [action for priority in performance.priorities for action in priority.actions]


def is_comparable(one) -> bool:
    """True when the latest value has comparison information against England.

    Better and worse need a polarity. "Similar" (the intervals overlap) is comparison
    information for any indicator; "higher" and "lower" (an indicator with no polarity)
    and "not compared" are not, as they say nothing of whether performance exceeds the
    national average.
    """
    label = one.compared_with_england
    if label == "similar":
        return True
    return label in JUDGED and getattr(one.indicator, "polarity", None) in WITH_POLARITY


def compare_indicators(indicators: Iterable) -> Comparison:
    result = Comparison()
    for one in indicators:
        if not is_comparable(one):
            result.not_comparable.append(one)
        else:
            getattr(result, one.compared_with_england).append(one)
    return result


def _names(indicators: Sequence) -> tuple[str, ...]:
    names = [lower_first(one.indicator.name) for one in indicators]
    if names:
        names[-1] = names[-1].rstrip(".") + "."
    return tuple(names)


def _these(count: int) -> str:
    return "This is:" if count == 1 else "These are:"


def _verb(count: int, singular: str, plural: str) -> str:
    return singular if count == 1 else plural


def _all_of(count: int) -> str:
    return "both" if count == 2 else f"all {number_in_words(count)}"


def indicator_bullets(indicators: Iterable, area_name: str) -> list[Bullet]:
    """The points on indicators: how many exceed, fall short of, and match England."""
    comparison = compare_indicators(indicators)
    total = comparison.comparable
    area = area_name
    if total == 0:
        bullets = [Bullet("none of the performance indicators yet has comparison "
                          f"information showing how {area} performance stands against the "
                          "national average")]
    elif total == 1:
        one = (comparison.better or comparison.worse or comparison.similar)
        if comparison.better:
            says = "exceeds the national average"
        elif comparison.worse:
            says = "does not meet the national average"
        else:
            says = ("is similar to the national average: the difference is within the "
                    "margin of error")
        bullets = [Bullet(f"comparison information is available for one performance "
                          f"indicator, and {area} performance {says}. This is:", _names(one))]
    else:
        bullets = [_better_bullet(comparison.better, total, area)]
        if comparison.worse or comparison.better:
            bullets.append(_worse_bullet(comparison.worse, area))
        if comparison.similar:
            bullets.append(_similar_bullet(comparison.similar, total, area))
    if comparison.not_comparable:
        count = len(comparison.not_comparable)
        bullets.append(Bullet(
            f"a further {number_in_words(count)} performance "
            f"{_verb(count, 'indicator has', 'indicators have')} no comparison with the "
            "national average (no national figure, no judgement of better or worse, or no "
            "data yet); Appendix 1 gives the figures"))
    return bullets


def _better_bullet(better: list, total: int, area: str) -> Bullet:
    opening = (f"of the {number_in_words(total)} performance indicators where comparison "
               "information is available, ")
    count = len(better)
    if count == 0:
        return Bullet(opening + f"none shows that {area} performance exceeds the national "
                                "average")
    amount = _all_of(count) if count == total else number_in_words(count)
    return Bullet(opening + f"{amount} {_verb(count, 'shows', 'show')} that {area} "
                            f"performance exceeds the national average. {_these(count)}",
                  _names(better))


def _worse_bullet(worse: list, area: str) -> Bullet:
    count = len(worse)
    if count == 0:
        return Bullet(f"for none of the performance indicators does {area} performance "
                      "fall short of the national average")
    return Bullet(f"for {number_in_words(count)} performance "
                  f"{_verb(count, 'indicator', 'indicators')}, {area} performance does not "
                  f"meet the national average. {_these(count)}", _names(worse))


def _similar_bullet(similar: list, total: int, area: str) -> Bullet:
    count = len(similar)
    amount = (_all_of(count) if count == total
              else f"the remaining {number_in_words(count)}")
    return Bullet(f"for {amount}, {area} performance is similar to the national average: "
                  "the difference is within the margin of error. " + _these(count),
                  _names(similar))


def action_bullet(actions: Sequence) -> Bullet:
    """The point on key actions: all on track, or how many are not and which."""
    total = len(actions)
    if total == 0:
        return Bullet("no key actions have been recorded against the plan yet")
    on_track = [one for one in actions if one.status in ON_TRACK]
    if len(on_track) == total:
        statuses = {one.status for one in actions}
        if statuses == {"completed"}:
            which = "are completed" if total > 1 else "is completed"
        elif statuses == {"on schedule"}:
            which = "are on schedule" if total > 1 else "is on schedule"
        else:
            which = "are either on schedule or completed"
        everything = "all activities" if total > 1 else "the one activity"
        return Bullet("good progress is being made in achieving the identified key actions. "
                      f"Lead officers/managers have identified that {everything} {which}")
    parts = []
    named = []
    for status, singular, plural in OFF_TRACK:
        these = [one for one in actions if one.status == status]
        if these:
            parts.append(f"{number_in_words(len(these))} {_verb(len(these), singular, plural)}")
            named.extend(these)
    others = [one for one in actions
              if one.status not in ON_TRACK and one.status not in {s for s, *_ in OFF_TRACK}]
    if others:
        parts.append(f"{number_in_words(len(others))} {_verb(len(others), 'has', 'have')} "
                     "another status")
        named.extend(others)
    if not on_track:
        lead = (f"none of the {number_in_words(total)} key actions is on schedule or "
                "completed"
                if total > 1 else "the one key action is not on schedule or completed")
        opening = "progress on the identified key actions needs attention. Lead " \
                  f"officers/managers have identified that {lead}: "
    else:
        opening = ("progress is being made in achieving the identified key actions. Lead "
                   f"officers/managers have identified that {number_in_words(len(on_track))} "
                   f"of the {number_in_words(total)} activities "
                   f"{_verb(len(on_track), 'is', 'are')} either on schedule or completed; ")
    items = [f"{_action_name(one)} ({_status_words(one)})" for one in named]
    items[-1] += "."
    return Bullet(opening + _join(parts) + f". {_these(len(named))}", tuple(items))


def _status_words(one) -> str:
    """"delayed"; for an overdue action, with what its lead last reported: "overdue; last
    update: on schedule"."""
    last = getattr(one, "recorded_status_label", "")
    if one.status == "overdue" and last:
        return f"overdue; last update: {last.lower()}"
    return one.status_label.lower()


def _action_name(one) -> str:
    action = one.action
    reference = getattr(action, "reference", "") or getattr(action, "number", "")
    return f"{reference} {action.title}".strip()


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def summary_bullets(performance) -> list[Bullet]:
    """Paragraph 18's points for a plan's performance as at a date."""
    return [action_bullet(unique_actions(performance)),
            *indicator_bullets(unique_indicators(performance), area_name_of(performance))]


def bullets_to_text(lead: str, bullets: Sequence[Bullet]) -> str:
    """Write a paragraph in the reports' editable form: a lead, "- " points, "  - " items."""
    lines = [lead] if lead else []
    for bullet in bullets:
        lines.append(f"- {bullet.text}")
        lines.extend(f"  - {item}" for item in bullet.items)
    return "\n".join(lines)


def performance_summary(performance) -> str:
    """Paragraph 18 in the editable form, ready for an officer to add to."""
    return bullets_to_text("In summary, these performance reports indicate that:",
                           summary_bullets(performance))
