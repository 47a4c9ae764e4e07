"""The risks and strategies of each priority, and their gaps, for the golden thread
(trustboard.thread.providers describes the interface)."""

from trustboard.risks import selectors
from trustboard.thread.providers import Gap, Kind, Link, Subject, ThreadContext

KINDS = [Kind("strategies", "Strategies", order=40), Kind("risks", "Risks", order=70)]

RISKS_AND_ISSUES = ("Nottinghamshire review of the Children's Trust, 2015 (000_...): the "
                    "executives' duty of \"Monitoring risks and issues and ensuring "
                    "appropriate mitigation\"")
STRATEGIES = ("Report to the Children and Young People's Committee, 14 January 2013 "
              "(002_..., paragraph 5): the strategies the Children's Trust approved relate to "
              "priorities in the CYPF Plan")


def links(context: ThreadContext) -> dict[int, list[Link]]:
    result: dict[int, list[Link]] = {pk: [] for pk in context.priority_ids}
    for priority_id, rows in _strategies_by_priority(context).items():
        result[priority_id] += [Link(
            kind="strategies", id=row.strategy.pk, title=row.strategy.title,
            url=row.strategy.get_absolute_url(),
            detail="Review overdue" if row.review_is_overdue else (
                f"Review by {row.strategy.review_on:%-d %B %Y}" if row.strategy.review_on
                else "No review date")) for row in rows]
    if context.public:
        # The register is the partnership's, not the public's (core/permissions.py).
        return result
    for priority_id, rows in _risks_by_priority(context).items():
        result[priority_id] += [Link(
            kind="risks", id=row.risk.pk, title=f"{row.risk.reference} {row.risk.title}",
            url=row.risk.get_absolute_url(),
            detail=f"Score {row.score} ({row.band.lower()}), {row.trend_label.lower()}")
            for row in rows]
    return result


def gaps(context: ThreadContext) -> list[Gap]:
    found = [Gap(
        rule="strategy-review-overdue", severity="medium",
        message=(f"The {strategy.title} was due for review by "
                 f"{strategy.review_on:%-d %B %Y}."),
        citation=STRATEGIES,
        subjects=[Subject("strategies", strategy.pk, strategy.title,
                          strategy.get_absolute_url())],
        priority_id=_first(strategy.priorities.all()),
        leads=frozenset({strategy.owner_id}) if strategy.owner_id else frozenset())
        for strategy in _plan_strategies(context) if strategy.review_is_overdue(context.as_at)]
    if context.public:
        return found
    for row in _plan_risks(context):
        risk = row.risk
        subject = [Subject("risks", risk.pk, f"{risk.reference} {risk.title}",
                           risk.get_absolute_url())]
        leads = frozenset({risk.owner_id})
        priority_id = _first(risk.priorities.all())
        if row.is_above_threshold and not row.open_mitigations:
            found.append(Gap(
                rule="risk-without-mitigation", severity="high",
                message=(f"Risk {risk.reference} ({risk.title}) scores {row.score}, at or above "
                         f"the threshold of {row.threshold}, with no open mitigating action."),
                citation=RISKS_AND_ISSUES, subjects=subject, priority_id=priority_id,
                leads=leads))
        if row.review_is_overdue:
            found.append(Gap(
                rule="risk-review-overdue", severity="medium",
                message=(f"Risk {risk.reference} ({risk.title}) was due for review on "
                         f"{row.next_review_on:%-d %B %Y}."),
                citation=RISKS_AND_ISSUES, subjects=subject, priority_id=priority_id,
                leads=leads))
    return found


def _first(priorities) -> int | None:
    return min((priority.pk for priority in priorities), default=None)


def _plan_risks(context: ThreadContext):
    return context.remember("risks:register", lambda: selectors.risk_register(
        plan=context.plan, as_at=context.as_at))


def _plan_strategies(context: ThreadContext):
    return context.remember("risks:strategies", lambda: selectors.plan_strategies(
        plan=context.plan, as_at=context.as_at))


def _risks_by_priority(context: ThreadContext) -> dict[int, list[selectors.RiskRow]]:
    """The register's rows grouped by priority: the read the gaps use, not a second one."""
    wanted = set(context.priority_ids)
    found: dict[int, list[selectors.RiskRow]] = {}
    for row in _plan_risks(context):
        for priority in row.risk.priorities.all():
            if priority.pk in wanted:
                found.setdefault(priority.pk, []).append(row)
    return found


def _strategies_by_priority(context: ThreadContext) -> dict[int, list[selectors.StrategyRow]]:
    wanted = set(context.priority_ids)
    found: dict[int, list[selectors.StrategyRow]] = {}
    for strategy in _plan_strategies(context):
        row = selectors.StrategyRow(strategy=strategy, as_at=context.as_at,
                                    decision_is_visible=False)
        for priority in strategy.priorities.all():
            if priority.pk in wanted:
                found.setdefault(priority.pk, []).append(row)
    return found
