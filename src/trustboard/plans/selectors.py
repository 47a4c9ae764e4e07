"""Reads of the plan: each action's status as at a date, counted the way the report counts,
and the plan's performance (actions and indicators together) for the dashboard and reports."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import polars as pl
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from trustboard.core.selectors import FieldChange, HistoryEntry
from trustboard.governance.models import Body, Person
from trustboard.performance.engine import benchmark, compare_with_benchmark
from trustboard.performance.models import (
    ENGLAND_CODE,
    Area,
    AreaKind,
    DataPoint,
    Indicator,
    IndicatorCommentary,
    StatisticalNeighbour,
    Target,
)
from trustboard.performance.periods import period_index
from trustboard.performance.selectors import (
    _areas_frame,
    _engine_frames,
    _points,
    _results,
    approvals_current,
    commentary_is_public,
    partnership_area,
    published_points,
    user_display_name,
)
from trustboard.plans.models import (
    OVERDUE,
    SHOWN_STATUSES,
    ActionStatus,
    ActionUpdate,
    KeyAction,
    Plan,
    Priority,
    action_shown_status,
    status_label,
)


@dataclass(frozen=True)
class ActionProgress:
    action: KeyAction
    latest: ActionUpdate | None
    as_at: datetime.date | None = None
    public: bool = False

    @property
    def commentary(self) -> str:
        """The latest update's commentary, unless the public may not read it yet."""
        if self.latest is None or (self.public and not self.latest.commentary_is_public):
            return ""
        return self.latest.commentary

    @property
    def commentary_awaiting_approval(self) -> bool:
        return bool(self.commentary) and not self.latest.commentary_is_public

    @property
    def recorded_status(self) -> str:
        """What the lead last reported (not started when they have reported nothing)."""
        return self.latest.status if self.latest else ActionStatus.NOT_STARTED

    @property
    def status(self) -> str:
        """The one status the action shows: overdue when past due and not completed."""
        if self.as_at is None:
            return self.recorded_status
        return action_shown_status(due_on=self.action.due_on, status=self.recorded_status,
                                   as_at=self.as_at)

    @property
    def is_overdue(self) -> bool:
        return self.status == OVERDUE

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def recorded_status_label(self) -> str:
        return status_label(self.recorded_status)


@dataclass(frozen=True)
class PriorityProgress:
    priority: Priority
    actions: list[ActionProgress]
    counts: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class PlanProgress:
    plan: Plan
    as_at: datetime.date
    priorities: list[PriorityProgress]

    @property
    def counts(self) -> Counter:
        return sum((p.counts for p in self.priorities), Counter())

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for each status some action shows, most advanced first;
        an overdue action counts as overdue only."""
        counts = self.counts
        return [(status, label, counts[status])
                for status, label in reversed(SHOWN_STATUSES) if counts[status]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def all_on_track(self) -> bool:
        """True when every action is completed or on schedule and none is overdue (2013
        report, paragraph 18)."""
        counts = self.counts
        on_track = counts[ActionStatus.COMPLETED] + counts[ActionStatus.ON_SCHEDULE]
        return bool(counts) and on_track == sum(counts.values())


def plan_progress(*, plan: Plan, as_at: datetime.date, public: bool = False) -> PlanProgress:
    """Each priority's actions with their latest update on or before `as_at` (with who
    recorded it); three queries. Each action shows one status (overdue when past due and not
    completed). `public=True` leaves out commentary not approved for publication."""
    updates = _updates_to(as_at)
    priorities = plan.priorities.select_related("accountable_body").prefetch_related(
        Prefetch("actions", queryset=KeyAction.objects.select_related(
            "lead_officer", "lead_organisation").prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="updates_to_date"))),
    )
    result = []
    for priority in priorities:
        actions = [ActionProgress(action=action, as_at=as_at, public=public,
                                  latest=next(iter(action.updates_to_date), None))
                   for action in priority.actions.all()]
        result.append(PriorityProgress(priority=priority, actions=actions,
                                       counts=Counter(a.status for a in actions)))
    return PlanProgress(plan=plan, as_at=as_at, priorities=result)


def _updates_to(as_at: datetime.date):
    return (ActionUpdate.objects.filter(as_at__lte=as_at)
            .select_related("recorded_by__person", "approved_by__person")
            .order_by("-as_at", "-recorded_at"))


def plan_list():
    return Plan.objects.all()


def plan_get(*, slug: str) -> Plan:
    return get_object_or_404(Plan, slug=slug)


def key_action_get(*, plan: Plan, pk: int) -> KeyAction:
    return get_object_or_404(
        KeyAction.objects.select_related("priority__plan", "lead_officer", "lead_organisation")
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.select_related(
            "recorded_by__person", "approved_by__person"))),
        priority__plan=plan, pk=pk,
    )


@dataclass(frozen=True)
class UpdateRow:
    """A progress update as a page shows it: who recorded it and when, and its commentary
    unless the public may not read it yet."""

    update: ActionUpdate
    recorded_by: str
    commentary: str
    awaiting_approval: bool
    approved_by: str


def key_action_progress(*, action: KeyAction, as_at: datetime.date,
                        public: bool = False) -> tuple[ActionProgress, list[UpdateRow]]:
    """The action's status as at `as_at` and every update, newest first, from the updates
    key_action_get fetched (no further query)."""
    updates = list(action.updates.all())
    latest = next((one for one in updates if one.as_at <= as_at), None)
    rows = [UpdateRow(update=one, recorded_by=user_display_name(one.recorded_by),
                      commentary="" if public and not one.commentary_is_public
                      else one.commentary,
                      awaiting_approval=not public and one.commentary_awaiting_approval,
                      approved_by=user_display_name(one.approved_by))
            for one in updates]
    return ActionProgress(action=action, latest=latest, as_at=as_at, public=public), rows


_UPDATE_FIELDS = ("as_at", "status", "commentary")


def key_action_history(*, action: KeyAction, limit: int = 25) -> list[HistoryEntry]:
    """The changes to the action and to its progress updates, newest first, each naming who
    made it as pages name people (their person's name, else their full name); two queries."""
    links = [one.name for one in KeyAction._meta.many_to_many]
    own = list(action.history.select_related("history_user__person")
               .order_by("-history_date", "-pk")[: limit + 1])
    entries = []
    for newer, older in zip(own[:limit], [*own[1:], None], strict=False):
        changes, what = [], _HISTORY_ACTIONS[newer.history_type]
        if older is not None and newer.history_type == "~":
            changes = _changes(KeyAction, newer.diff_against(older, excluded_fields=links))
            if not changes:
                what = "Changed the indicators"
        entries.append(HistoryEntry(when=newer.history_date,
                                    who=user_display_name(newer.history_user) or "System",
                                    action=what, changes=changes))
    previous: dict[int, object] = {}
    for row in ActionUpdate.history.filter(action_id=action.pk).select_related(
            "history_user__person").order_by("history_date", "history_id"):
        older = previous.get(row.id)
        previous[row.id] = row
        changes = []
        if row.history_type == "+":
            what = f"Recorded progress as at {row.as_at:%-d %b %Y}: {row.get_status_display()}"
        elif row.history_type == "-":
            what = f"Deleted the progress update as at {row.as_at:%-d %b %Y}"
        elif older is not None and row.approved_at and not older.approved_at:
            what = f"Approved the commentary as at {row.as_at:%-d %b %Y} for publication"
        else:
            what = f"Changed the progress update as at {row.as_at:%-d %b %Y}"
            if older is not None:
                changes = _changes(ActionUpdate, row.diff_against(older, included_fields=list(
                    _UPDATE_FIELDS)))
        entries.append(HistoryEntry(when=row.history_date,
                                    who=user_display_name(row.history_user) or "System",
                                    action=what, changes=changes))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


_HISTORY_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _changes(model, delta) -> list[FieldChange]:
    return [FieldChange(field=str(model._meta.get_field(change.field).verbose_name).capitalize(),
                        old="(blank)" if change.old in (None, "") else str(change.old),
                        new="(blank)" if change.new in (None, "") else str(change.new))
            for change in delta.changes]


def action_commentary_rows(*, plan: Plan, as_at: datetime.date) -> list[ActionProgress]:
    """Each action whose latest update as at `as_at` has commentary (what the public pages
    show once approved), for officers to approve; three queries."""
    progress = plan_progress(plan=plan, as_at=as_at)
    return [row for priority in progress.priorities for row in priority.actions
            if row.latest is not None and row.latest.commentary]


def action_update_get(*, plan: Plan, pk: int) -> ActionUpdate:
    return get_object_or_404(ActionUpdate.objects.select_related("action"),
                             action__priority__plan=plan, pk=pk)


# --- the plan's performance: the dashboard, the exceptions and the six-monthly report -------


@dataclass(frozen=True)
class TrendPoint:
    period: str
    value: float | None
    england_value: float | None
    neighbour_average: float | None


@dataclass(frozen=True)
class LocalityValue:
    area: Area
    value: float | None
    lower95: float | None
    upper95: float | None
    compared_with_area: str | None  # the locality's interval against the county's value


@dataclass(frozen=True)
class IndicatorPerformance:
    indicator: Indicator
    period: str | None
    value: float | None
    lower95: float | None
    upper95: float | None
    england_value: float | None
    compared_with_england: str | None
    neighbour_average: float | None
    neighbour_rank: int | None
    neighbour_count: int | None
    target: float | None
    target_status: str | None
    direction_of_travel: str | None
    is_stale: bool
    commentary: str
    series: list[TrendPoint]
    localities: list[LocalityValue]
    exceptions: list[str]
    # Additions beyond the agreed interface:
    count: float | None = None
    denominator: float | None = None
    period_end: date | None = None
    commentary_by: str = ""
    commentary_at: datetime.datetime | None = None
    approved_up_to: str | None = None  # the last period approved for publication

    @property
    def worse_localities(self) -> list[str]:
        """The districts and localities whose figure is worse than the area's own."""
        return [value.area.name for value in self.localities
                if value.compared_with_area == "worse"]

    @property
    def neighbour_group_size(self) -> int | None:
        """How many authorities the rank is among: the area and its neighbours with a value."""
        return None if self.neighbour_count is None else self.neighbour_count + 1


@dataclass(frozen=True)
class ActionPerformance:
    action: KeyAction
    status: str  # the one status shown: "overdue" when past due and not completed
    status_label: str
    commentary: str
    updated_on: date | None
    exceptions: list[str]
    # Additions beyond the agreed interface:
    recorded_status: str = ""  # what the lead last reported, when it differs from `status`
    recorded_status_label: str = ""
    commentary_by: str = ""
    commentary_awaiting_approval: bool = False

    @property
    def status_text(self) -> str:
        """The status in words, with the last report when the action is overdue:
        "Overdue (last update: on schedule)"."""
        if self.status == OVERDUE and self.recorded_status_label:
            return f"{self.status_label} (last update: {self.recorded_status_label.lower()})"
        return self.status_label


@dataclass(frozen=True)
class PriorityPerformance:
    priority: Priority
    actions: list[ActionPerformance]
    indicators: list[IndicatorPerformance]


@dataclass(frozen=True)
class PlanPerformance:
    plan: Plan
    as_at: date
    area: Area | None
    priorities: list[PriorityPerformance]

    @property
    def all_indicators(self) -> list[IndicatorPerformance]:
        """Each indicator once, in the order of the priorities it first appears under."""
        seen: dict[int, IndicatorPerformance] = {}
        for priority in self.priorities:
            for item in priority.indicators:
                seen.setdefault(item.indicator.pk, item)
        return list(seen.values())

    @property
    def all_actions(self) -> list[ActionPerformance]:
        return [action for priority in self.priorities for action in priority.actions]

    def compared(self, label: str) -> list[IndicatorPerformance]:
        """The indicators (each once) whose comparison with England is `label`."""
        return [item for item in self.all_indicators if item.compared_with_england == label]

    @property
    def comparison_counts(self) -> Counter:
        return Counter(item.compared_with_england for item in self.all_indicators
                       if item.compared_with_england not in (None, "not compared"))

    @property
    def action_counts(self) -> Counter:
        return Counter(action.status for action in self.all_actions)

    @property
    def comparison_summary(self) -> list[tuple[str, int]]:
        """(comparison, count), in the report's order: better, similar, worse, then the rest."""
        order = ["better", "similar", "worse", "higher", "lower"]
        counts = self.comparison_counts
        return [(label, counts[label]) for label in order if counts[label]]

    @property
    def action_summary(self) -> list[tuple[str, int]]:
        """(status, count), most advanced first; an overdue action counts as overdue only."""
        counts = self.action_counts
        return [(label.lower(), counts[status]) for status, label in reversed(SHOWN_STATUSES)
                if counts[status]]


_ACTION_EXCEPTIONS = {ActionStatus.DELAYED: "delayed", ActionStatus.AT_RISK: "at risk"}
_LOCAL_KINDS = (AreaKind.DISTRICT, AreaKind.LOCALITY)


def plan_performance(*, plan: Plan, as_at: date, body: Body | None = None,
                     owner: Person | None = None, locality: Area | None = None,
                     exceptions_only: bool = False, public: bool = False) -> PlanPerformance:
    """Each priority with its key actions' status and its indicators' latest values as at
    `as_at` (the latest period ending on or before it), benchmarked against England, the
    statistical neighbours, the target and the previous period, with the owner's
    commentary and the figures of the partnership's districts and localities.

    Filters: the priorities `body` is accountable for; the actions `owner` leads and the
    indicators they own; the indicators with figures for `locality` (its figure alone under
    each); only what is outside tolerance (`exceptions_only`). `public=True` keeps values
    and commentary an officer has not approved for publication out.

    Eleven queries whatever the plan's size: priorities, their indicators, actions,
    updates, the area, its neighbours, its districts and localities, data points, targets,
    commentary and approvals.
    """
    updates = _updates_to(as_at)
    priorities_qs = plan.priorities.select_related("accountable_body").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.select_related("owner")),
        Prefetch("actions", queryset=KeyAction.objects.select_related(
            "lead_officer", "lead_organisation").prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="updates_to_date"))),
    )
    if body is not None:
        priorities_qs = priorities_qs.filter(accountable_body=body)
    priorities = list(priorities_qs)
    indicators = {indicator.pk: indicator for priority in priorities
                  for indicator in priority.indicators.all()}
    area = partnership_area()
    performance = _indicators_performance(
        list(indicators.values()), area=area, as_at=as_at, locality=locality,
        public=public) if area is not None else {}
    result = []
    for priority in priorities:
        actions = [_action_performance(action, as_at, public) for action in priority.actions.all()]
        items = [performance[indicator.pk] for indicator in priority.indicators.all()
                 if indicator.pk in performance]
        if owner is not None:
            actions = [a for a in actions if a.action.lead_officer_id == owner.pk]
            items = [i for i in items if i.indicator.owner_id == owner.pk]
        if locality is not None:
            items = [i for i in items if i.localities]
        if exceptions_only:
            actions = [a for a in actions if a.exceptions]
            items = [i for i in items if i.exceptions]
        if (owner is not None or locality is not None or exceptions_only) and not (
                actions or items):
            continue
        result.append(PriorityPerformance(priority=priority, actions=actions, indicators=items))
    return PlanPerformance(plan=plan, as_at=as_at, area=area, priorities=result)


def _action_performance(action: KeyAction, as_at: date, public: bool = False
                        ) -> ActionPerformance:
    progress = ActionProgress(action=action, latest=next(iter(action.updates_to_date), None),
                              as_at=as_at, public=public)
    status, latest = progress.status, progress.latest
    if status == OVERDUE:
        exceptions = ["overdue"]
    else:
        exceptions = [_ACTION_EXCEPTIONS[status]] if status in _ACTION_EXCEPTIONS else []
    return ActionPerformance(
        action=action, status=str(status), status_label=progress.status_label,
        commentary=progress.commentary,
        updated_on=latest.as_at if latest else None, exceptions=exceptions,
        recorded_status=str(progress.recorded_status),
        recorded_status_label=progress.recorded_status_label,
        commentary_by=user_display_name(latest.recorded_by) if progress.commentary else "",
        commentary_awaiting_approval=progress.commentary_awaiting_approval)


def _indicators_performance(indicators: list[Indicator], *, area: Area, as_at: date,
                            locality: Area | None,
                            public: bool) -> dict[int, IndicatorPerformance]:
    """Every indicator's performance for `area` in seven queries, benchmarked in one pass
    of the engine."""
    model_years = list(StatisticalNeighbour.objects.filter(area=area)
                       .select_related("neighbour").order_by("-model_year", "rank"))
    links = [link for link in model_years if link.model_year == model_years[0].model_year
             ] if model_years else []
    others = list(Area.objects.filter(
        Q(code=ENGLAND_CODE) | Q(parent=area, kind__in=_LOCAL_KINDS)).order_by("kind", "name"))
    locals_ = [a for a in others if a.code != ENGLAND_CODE]
    benchmark_areas = {a.pk: a for a in [*(a for a in others if a.code == ENGLAND_CODE), area,
                                         *(link.neighbour for link in links)]}
    if area.region_id:
        benchmark_areas[area.region_id] = area.region
    points = DataPoint.objects.filter(indicator__in=indicators, period__end__lte=as_at)
    if public:
        points = published_points(points)
    data = _points(points, _areas_frame([*benchmark_areas.values(), *locals_]))
    targets = {(pk, period): value for pk, period, value in Target.objects.filter(
        indicator__in=indicators).values_list("indicator_id", "period", "value")}
    commentaries = {(c.indicator_id, c.period): c for c in IndicatorCommentary.objects.filter(
        indicator__in=indicators, area=area).select_related("by__person")}
    approvals = approvals_current(indicators)
    empty = {indicator.pk: _no_data(indicator, approvals) for indicator in indicators}
    if data.height == 0:
        return empty
    local_codes = {a.code: a for a in locals_}
    main = data.filter(~pl.col("area_code").is_in(list(local_codes)))
    frames = _engine_frames(main, indicators)
    own = frames.data.filter((pl.col("area_code") == area.code) & pl.col("value").is_not_null())
    latest = own.sort("period_index").group_by("indicator_id").last()
    latest_of = {row["indicator_id"]: row for row in latest.iter_rows(named=True)}
    indicator_frame = frames.indicators.with_columns(pl.Series("target", [
        targets.get((pk, latest_of[pk]["period"])) if pk in latest_of else None
        for pk in frames.indicators["indicator_id"].to_list()], dtype=pl.Float64))
    neighbours = pl.DataFrame(
        {"area_code": [area.code] * len(links),
         "neighbour_code": [link.neighbour.code for link in links],
         "rank": [link.rank for link in links]},
        schema={"area_code": pl.String, "neighbour_code": pl.String, "rank": pl.Int64})
    areas = _areas_frame(benchmark_areas.values())
    results = benchmark(frames.data, areas=areas, neighbours=neighbours,
                        indicators=indicator_frame, as_at=period_index(as_at))
    full = frames.data.hstack(_results(results))
    england_values = full.filter(pl.col("area_code") == ENGLAND_CODE).select(
        "indicator_id", "period_index", pl.col("value").alias("england_value"))
    series = (full.filter(pl.col("area_code") == area.code)
              .join(england_values, on=["indicator_id", "period_index"], how="left")
              .sort("indicator_id", "period_index"))
    series_of: dict[int, list[dict]] = {}
    for row in series.iter_rows(named=True):
        series_of.setdefault(row["indicator_id"], []).append(row)
    local_of = _localities(data, frames, latest, area, local_codes, indicators, locality)
    result = dict(empty)
    for indicator in indicators:
        rows = series_of.get(indicator.pk)
        if not rows:
            continue
        with_value = [row for row in rows if row["value"] is not None]
        row = with_value[-1] if with_value else rows[-1]
        approval = approvals.get(indicator.pk)
        commentary = commentaries.get((indicator.pk, row["period"]))
        if commentary and public and not commentary_is_public(period_end=row["period_end"],
                                                              approval=approval):
            commentary = None
        target = targets.get((indicator.pk, row["period"]))
        item = dict(
            compared_with_england=row["compared_with_england_95"],
            target_status=row["target_status"] if target is not None else None,
            direction_of_travel=row["direction_of_travel"], is_stale=bool(row["is_stale"]))
        localities = local_of.get(indicator.pk, [])
        result[indicator.pk] = IndicatorPerformance(
            indicator=indicator, period=row["period"], value=row["value"],
            lower95=row["lower95"], upper95=row["upper95"],
            england_value=row["england_value"],
            neighbour_average=row["neighbour_average"] if links else None,
            neighbour_rank=row["neighbour_rank"] if links else None,
            neighbour_count=row["neighbour_count"] if links else None,
            target=target, commentary=commentary.text if commentary else "",
            series=[TrendPoint(period=r["period"], value=r["value"],
                               england_value=r["england_value"],
                               neighbour_average=r["neighbour_average"] if links else None)
                    for r in rows],
            localities=localities, exceptions=_exceptions(item, localities),
            count=row["count"], denominator=row["denominator"], period_end=row["period_end"],
            commentary_by=user_display_name(commentary.by) if commentary else "",
            commentary_at=commentary.at if commentary else None,
            approved_up_to=approval.up_to_period if approval else None,
            **item)
    return result


def _localities(data, frames, latest, area, local_codes, indicators, locality):
    """Each indicator's district and locality figures in the county's latest period, each
    compared with the county's value as the benchmark (the engine's comparison, with the
    county in England's place)."""
    if not local_codes:
        return {}
    wanted = list(local_codes) if locality is None else [locality.code]
    rows = _engine_frames(data.filter(pl.col("area_code").is_in([*wanted, area.code])),
                          indicators).data.join(
        latest.select("indicator_id", pl.col("period_index").alias("latest_index")),
        on="indicator_id").filter(pl.col("period_index") == pl.col("latest_index")).drop(
        "latest_index")
    if rows.filter(pl.col("area_code") != area.code).height == 0:
        return {}
    areas = pl.DataFrame({"area_code": [area.code, *wanted],
                          "region_code": [None] * (len(wanted) + 1),
                          "is_england": [True] + [False] * len(wanted),
                          "is_region": [False] * (len(wanted) + 1)},
                         schema={"area_code": pl.String, "region_code": pl.String,
                                 "is_england": pl.Boolean, "is_region": pl.Boolean})
    compared = rows.hstack(_results(compare_with_benchmark(
        rows, areas=areas, indicators=frames.indicators)))
    result: dict[int, list[LocalityValue]] = {}
    for row in compared.filter(pl.col("area_code") != area.code).sort(
            "indicator_id", "area_code").iter_rows(named=True):
        result.setdefault(row["indicator_id"], []).append(LocalityValue(
            area=local_codes[row["area_code"]], value=row["value"], lower95=row["lower95"],
            upper95=row["upper95"], compared_with_area=row["compared_with_england_95"]))
    for values in result.values():
        values.sort(key=lambda value: value.area.name)
    return result


def _exceptions(item: dict, localities: list[LocalityValue]) -> list[str]:
    """Why an indicator is outside tolerance, in words."""
    reasons = []
    if item["target_status"] == "red":
        reasons.append("off target")
    if item["compared_with_england"] == "worse":
        reasons.append("worse than England")
    if item["direction_of_travel"] == "worsening":
        reasons.append("worsening")
    if item["is_stale"]:
        reasons.append("stale")
    reasons += [f"worse in {value.area.name}" for value in localities
                if value.compared_with_area == "worse"]
    return reasons


def _no_data(indicator: Indicator, approvals) -> IndicatorPerformance:
    approval = approvals.get(indicator.pk)
    return IndicatorPerformance(
        indicator=indicator, period=None, value=None, lower95=None, upper95=None,
        england_value=None, compared_with_england=None, neighbour_average=None,
        neighbour_rank=None, neighbour_count=None, target=None, target_status=None,
        direction_of_travel=None, is_stale=True, commentary="", series=[], localities=[],
        exceptions=["stale"], approved_up_to=approval.up_to_period if approval else None)


def plan_latest_report_date(*, plan: Plan) -> date | None:
    """The date of the latest progress update on any of the plan's actions."""
    return (ActionUpdate.objects.filter(action__priority__plan=plan)
            .order_by("-as_at").values_list("as_at", flat=True).first())


@dataclass(frozen=True)
class ApprovalRow:
    item: IndicatorPerformance
    approval: object | None  # performance.models.PublicationApproval

    @property
    def is_approved_to_latest(self) -> bool:
        return bool(self.approval and self.item.period_end
                    and self.approval.up_to >= self.item.period_end)


def approval_rows(items: list[IndicatorPerformance]) -> list[ApprovalRow]:
    """Each indicator's latest value beside its current approval for publication, in one
    query."""
    current = approvals_current([item.indicator for item in items])
    return [ApprovalRow(item=item, approval=current.get(item.indicator.pk)) for item in items]
