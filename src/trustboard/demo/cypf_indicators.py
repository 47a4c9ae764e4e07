"""The sixteen performance indicators of the demo plan, as the 2013 report counts them.

The 2013 Nottinghamshire report (seed 002, paragraph 18) says that "of the sixteen
performance indicators where comparison information is available, eight show that
Nottinghamshire performance exceeds the national average" and names them, and that "for
four performance indicators, Nottinghamshire performance does not meet the national
average", naming those too. Appendix 1, which listed the sixteen, is not in the seed: the
other four here (under-18 conceptions, children looked after, obesity in Year 6 and Key
Stage 2 English and maths) are plausible choices, "similar" to England. Fingertips
indicator 90284 (injury admissions, real and loaded by performance.demo) is not one of
them: Nottinghamshire's 2011/12 value is better than England's, not similar.

The shared published data start in 2013 or later (or, for 90284, say "better"), so every
figure below is ILLUSTRATIVE, chosen to be plausible for 2008 to 2012 and to give the
report's counts: each indicator's definition says so. Counts and denominators are given,
so the 95% intervals are real Wilson (proportions) and Byar (rates) intervals computed by
the importer, and "better" or "worse" means the interval clears England's value. The
attainment gap, a difference of two percentages, carries its own limits.

As at 30 September 2012 (the report's date), the latest period ending by then is used:
academic years to 2010/11 and calendar years to 2010 or 2011, as published by then;
financial years to 2011/12.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from trustboard.governance.models import Person
from trustboard.performance.imports import data_import
from trustboard.performance.models import (
    ENGLAND_CODE,
    Area,
    Frequency,
    Indicator,
    Polarity,
    StatisticalNeighbour,
    ValueType,
)
from trustboard.performance.services import (
    indicator_approve,
    indicator_commentary_record,
    indicator_save,
    target_save,
)
from trustboard.plans.models import KeyAction, Plan, Priority

SOURCE = "Trustboard demo (illustrative)"
NOTTINGHAMSHIRE = "E10000024"
ILLUSTRATIVE = ("Illustrative value for the demo: not a published figure. Chosen to be "
                "plausible and to reproduce the comparison the 2013 report gives (seed 002, "
                "paragraph 18).")
#: The report's words for each comparison (paragraph 18), checked by tests/demo.
BETTER = "better"
WORSE = "worse"
SIMILAR = "similar"

PERCENT, PER_10K, PER_1K = 100, 10_000, 1_000
FY, AY, CY = Frequency.FINANCIAL_YEAR, Frequency.ACADEMIC_YEAR, Frequency.CALENDAR_YEAR
LOWER, HIGHER, NONE = Polarity.LOWER_IS_BETTER, Polarity.HIGHER_IS_BETTER, Polarity.NO_JUDGEMENT

# Neighbours' values as a multiple of England's, closest neighbour first: a spread around
# England so the average and rank mean something.
NEIGHBOUR_FACTORS = (0.97, 1.04, 0.92, 1.08, 1.01, 0.95, 1.12, 0.99, 1.06, 0.90)


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    definition: str
    unit: str
    multiplier: int
    value_type: str
    polarity: str
    frequency: str
    expected: str  # better, worse or similar than England as at 30 September 2012
    priorities: tuple[int, ...]
    actions: tuple[str, ...]
    owner: str
    # period: (Nottinghamshire value, England value); a value is a percentage or rate
    values: dict[str, tuple[float, float]]
    denominator: int  # Nottinghamshire's denominator; England's is ENGLAND_SCALE times it
    target: tuple[str, float] | None = None
    tolerance: float | None = None
    commentary: str = ""
    # district: value in the latest period, for the locality breakdown
    districts: dict[str, float] = field(default_factory=dict)
    half_width: float | None = None  # for a mean: the 95% interval's half width
    # months its publisher takes after a period ends; None takes the source's default
    lag_months: int | None = None


ENGLAND_SCALE = 60

INDICATORS = [
    # --- better than England (paragraph 18) ---
    Spec("CYPF-01", "Obesity in Reception Year (age 4 to 5)",
         "Percentage of children in Reception Year classified as obese (National Child "
         "Measurement Programme).", "% of children measured", PERCENT, ValueType.PROPORTION,
         LOWER, AY, BETTER, (3,), ("3.2",), "Associate Director Public Health (placeholder)",
         {"2008/09": (8.9, 9.6), "2009/10": (8.6, 9.8), "2010/11": (8.3, 9.4)}, 8_900,
         target=("2010/11", 8.5),
         districts={"Ashfield": 9.6, "Bassetlaw": 9.1, "Broxtowe": 7.4, "Gedling": 7.9,
                    "Mansfield": 10.2, "Newark and Sherwood": 8.6, "Rushcliffe": 6.0}),
    Spec("CYPF-02", "Overall absence in primary, secondary and special schools",
         "Percentage of half-day sessions missed through overall absence by pupils in "
         "state-funded primary, secondary and special schools.", "% of sessions", PERCENT,
         ValueType.PROPORTION, LOWER, AY, BETTER, (4,), ("4.1",),
         "Service Director Education (placeholder)",
         {"2008/09": (5.9, 6.3), "2009/10": (5.7, 6.1), "2010/11": (5.4, 5.8)}, 30_000_000),
    Spec("CYPF-03", "Initial assessments for children's social care within timescales",
         "Percentage of initial assessments completed within 10 working days of referral.",
         "% of initial assessments", PERCENT, ValueType.PROPORTION, HIGHER, FY, BETTER, (1,),
         ("1.1", "1.2"), "Deputy Director (placeholder)",
         {"2009/10": (71.0, 72.5), "2010/11": (79.6, 77.1), "2011/12": (84.2, 77.4)}, 6_500,
         target=("2011/12", 80.0), tolerance=3.0,
         commentary="Timeliness has risen for a third year as the MASH has been planned; "
                    "the county is above England and its target."),
    Spec("CYPF-04", "Core assessments for children's social care within timescales",
         "Percentage of core assessments completed within 35 working days.",
         "% of core assessments", PERCENT, ValueType.PROPORTION, HIGHER, FY, BETTER, (1,),
         ("1.2",), "Deputy Director (placeholder)",
         {"2009/10": (73.5, 70.8), "2010/11": (78.1, 74.9), "2011/12": (82.0, 75.5)}, 2_400,
         target=("2011/12", 80.0), tolerance=3.0),
    Spec("CYPF-05", "Children becoming the subject of a child protection plan for a second "
         "or subsequent time",
         "Percentage of children becoming the subject of a child protection plan in the year "
         "who had been the subject of a plan before.", "% of new plans", PERCENT,
         ValueType.PROPORTION, LOWER, FY, BETTER, (1, 2), ("1.2",),
         "Deputy Director (placeholder)",
         {"2009/10": (11.9, 13.4), "2010/11": (10.9, 13.3), "2011/12": (10.2, 13.8)}, 880,
         target=("2011/12", 12.0), tolerance=1.0),
    Spec("CYPF-06", "Dependent children in households with income below 60% of the median",
         "Percentage of dependent children under 20 in families receiving out-of-work "
         "benefits or tax credits with reported income below 60% of the median (HMRC "
         "children in low-income families local measure).", "% of dependent children",
         PERCENT, ValueType.PROPORTION, LOWER, CY, BETTER, (5,), ("5.1",),
         "Corporate Director (placeholder)",
         {"2008": (17.2, 20.9), "2009": (17.8, 21.3), "2010": (17.6, 20.6)}, 150_000,
         # HMRC published the August 2010 snapshot in September 2012
         lag_months=21,
         commentary="HMRC's 2010 figures are the latest: the Child and Family Poverty "
                    "Strategy will be judged on 2012's, published in 2014."),
    Spec("CYPF-07", "5 or more A*-C grades at GCSE or equivalent including English and maths",
         "Percentage of pupils at the end of Key Stage 4 achieving 5 or more GCSEs at grade "
         "A*-C or equivalent including English and mathematics.", "% of pupils", PERCENT,
         ValueType.PROPORTION, HIGHER, AY, BETTER, (4,), ("4.1",),
         "Service Director Education (placeholder)",
         {"2008/09": (51.6, 49.8), "2009/10": (56.0, 53.5), "2010/11": (61.4, 58.2)}, 9_100,
         target=("2010/11", 60.0), tolerance=2.0),
    Spec("CYPF-08", "Young people aged 16 to 18 not in education, employment or training",
         "Percentage of young people in academic years 12 to 14 not in education, "
         "employment or training (November to January average).", "% of 16 to 18 year olds",
         PERCENT, ValueType.PROPORTION, LOWER, CY, BETTER, (6,), ("6.2",),
         "Group Manager Adolescence (placeholder)",
         {"2009": (6.3, 6.4), "2010": (5.8, 6.0), "2011": (5.2, 6.1)}, 26_000,
         target=("2011", 5.5), tolerance=0.5),
    # --- worse than England (paragraph 18) ---
    Spec("CYPF-09", "Children who are the subject of a child protection plan",
         "Rate of children who are the subject of a child protection plan at 31 March, per "
         "10,000 children under 18: the children requiring statutory child protection "
         "interventions.", "per 10,000 children under 18", PER_10K, ValueType.CRUDE_RATE,
         LOWER, FY, WORSE, (1, 2), ("1.2", "2.2"), "Group Manager Early Help (placeholder)",
         {"2009/10": (33.0, 35.5), "2010/11": (39.8, 38.3), "2011/12": (44.0, 37.8)}, 158_800,
         commentary="The rise follows the thresholds review; early help through the Pathway "
                    "to Provision should reduce the number of children needing a plan."),
    Spec("CYPF-10", "Breastfeeding prevalence at 6 to 8 weeks",
         "Percentage of infants totally or partially breastfed at 6 to 8 weeks (both "
         "Nottinghamshire County and Bassetlaw NHS).", "% of infants due a 6 to 8 week check",
         PERCENT, ValueType.PROPORTION, HIGHER, FY, WORSE, (3,), (),
         "NHS commissioner, county (placeholder)",
         {"2009/10": (37.2, 45.9), "2010/11": (39.0, 46.9), "2011/12": (38.5, 47.2)}, 8_600,
         target=("2011/12", 42.0), tolerance=1.5,
         commentary="Below England and the target; Bassetlaw is lowest. Baby Friendly "
                    "accreditation work with both NHS trusts started in April 2012.",
         districts={"Ashfield": 33.1, "Bassetlaw": 30.2, "Broxtowe": 43.5, "Gedling": 41.9,
                    "Mansfield": 32.4, "Newark and Sherwood": 36.8, "Rushcliffe": 51.7}),
    Spec("CYPF-11", "Attainment gap at age 16 between pupils eligible for free school meals "
         "and the rest",
         "Percentage-point gap between pupils eligible for free school meals and other "
         "pupils achieving 5 or more A*-C GCSEs including English and maths.",
         "percentage points", 1, ValueType.MEAN, LOWER, AY, WORSE, (4,), ("4.1", "4.2"),
         "Service Director Education (placeholder)",
         {"2008/09": (31.5, 27.7), "2009/10": (31.9, 27.6), "2010/11": (33.4, 27.4)}, 9_100,
         half_width=2.4,
         commentary="The gap widened: the Closing the Educational Gaps Strategy targets "
                    "schools with the most pupils eligible for free school meals."),
    Spec("CYPF-12", "Young people attaining a full Level 3 qualification by age 19",
         "Percentage of young people who had attained a full Level 3 qualification by the "
         "age of 19.", "% of the age-19 cohort", PERCENT, ValueType.PROPORTION, HIGHER, AY,
         WORSE, (6,), ("6.2",), "Group Manager Adolescence (placeholder)",
         {"2008/09": (45.0, 51.4), "2009/10": (47.3, 53.4), "2010/11": (48.1, 55.0)}, 9_800,
         target=("2010/11", 52.0), tolerance=2.0),
    # --- similar to England (plausible choices from Appendix 1) ---
    Spec("CYPF-13", "Under-18 conceptions",
         "Conceptions to women aged under 18, per 1,000 women aged 15 to 17.",
         "per 1,000 women aged 15 to 17", PER_1K, ValueType.CRUDE_RATE, LOWER, CY, SIMILAR,
         (3,), (), "Teenage pregnancy coordinator (placeholder)",
         {"2008": (36.4, 40.4), "2009": (33.1, 37.1), "2010": (34.5, 35.4)}, 24_460,
         target=("2010", 33.0), tolerance=2.0,
         # ONS publishes a year's conceptions in the February fourteen months after it
         lag_months=14),
    Spec("CYPF-14", "Children looked after",
         "Rate of children looked after at 31 March, per 10,000 children under 18.",
         "per 10,000 children under 18", PER_10K, ValueType.CRUDE_RATE, NONE, FY, SIMILAR,
         (7,), ("7.1",), "Deputy Director (placeholder)",
         {"2009/10": (52.1, 57.0), "2010/11": (55.0, 58.0), "2011/12": (56.8, 59.0)}, 158_800),
    Spec("CYPF-15", "Obesity in Year 6 (age 10 to 11)",
         "Percentage of children in Year 6 classified as obese (National Child Measurement "
         "Programme).", "% of children measured", PERCENT, ValueType.PROPORTION, LOWER, AY,
         SIMILAR, (3,), ("3.2",), "Associate Director Public Health (placeholder)",
         {"2008/09": (18.0, 18.3), "2009/10": (18.2, 18.7), "2010/11": (18.6, 19.0)}, 8_300),
    Spec("CYPF-16", "Level 4 or above in both English and maths at Key Stage 2",
         "Percentage of pupils at the end of Key Stage 2 achieving level 4 or above in both "
         "English and mathematics.", "% of pupils", PERCENT, ValueType.PROPORTION, HIGHER, AY,
         SIMILAR, (4,), ("4.1",), "Service Director Education (placeholder)",
         {"2008/09": (71.9, 72.0), "2009/10": (72.8, 73.0), "2010/11": (73.6, 74.0)}, 8_400),
]

@dataclass
class IndicatorsDemo:
    indicators: int = 0
    data_points: int = 0
    messages: list[str] = field(default_factory=list)


@transaction.atomic
def cypf_indicators_load(*, by) -> IndicatorsDemo:
    """Create the sixteen indicators, their values, targets and commentary, link them to
    the plan's priorities and key actions, and approve them for publication. Needs the
    areas (performance_demo_load) and the plan (loader._plan) first."""
    plan = Plan.objects.get(slug="cypf-2011-14")
    people = {person.name: person for person in Person.objects.all()}
    priorities = {p.number: p for p in Priority.objects.filter(plan=plan)}
    actions = {a.reference: a for a in KeyAction.objects.filter(priority__plan=plan)}
    indicators = {}
    for spec in INDICATORS:
        indicator = (Indicator.objects.filter(source=SOURCE, source_id=spec.code).first()
                     or Indicator(source=SOURCE, source_id=spec.code))
        indicator.name, indicator.unit = spec.name, spec.unit
        indicator.definition = f"{spec.definition} {ILLUSTRATIVE}"
        indicator.multiplier, indicator.value_type = spec.multiplier, spec.value_type
        indicator.polarity, indicator.frequency = spec.polarity, spec.frequency
        indicator.owner = people.get(spec.owner)
        indicator.target_tolerance = spec.tolerance
        indicator.publication_lag_months = spec.lag_months
        indicator.approval_required = True
        indicators[spec.code] = indicator_save(indicator=indicator, by=by)
    summary = IndicatorsDemo(indicators=len(indicators))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cypf_indicators_illustrative.csv"
        _write_rows(path, _rows())
        record = data_import(path=path, by=by, format="tidy")
        summary.data_points = record.created + record.updated + record.unchanged
    notts = Area.objects.get(code=NOTTINGHAMSHIRE)
    for spec in INDICATORS:
        indicator = indicators[spec.code]
        for number in spec.priorities:
            priorities[number].indicators.add(indicator)
        for reference in spec.actions:
            actions[reference].indicators.add(indicator)
        latest = list(spec.values)[-1]
        if spec.target:
            target_save(indicator=indicator, period=spec.target[0], value=spec.target[1],
                        by=by)
        if spec.commentary:
            indicator_commentary_record(indicator=indicator, area=notts, period=latest,
                                        text=spec.commentary, by=by)
        indicator_approve(indicator=indicator, by=by)
    return summary


def _rows() -> list[dict[str, str]]:
    neighbours = [link.neighbour.code for link in StatisticalNeighbour.objects.filter(
        area__code=NOTTINGHAMSHIRE).select_related("neighbour").order_by("-model_year", "rank")
        ][:len(NEIGHBOUR_FACTORS)]
    districts = dict(Area.objects.filter(parent__code=NOTTINGHAMSHIRE).values_list(
        "name", "code"))
    rows = []
    for spec in INDICATORS:
        periods = list(spec.values)
        for period, (notts, england) in spec.values.items():
            rows.append(_row(spec, NOTTINGHAMSHIRE, period, notts, spec.denominator))
            rows.append(_row(spec, ENGLAND_CODE, period, england,
                             spec.denominator * ENGLAND_SCALE))
            rows += [_row(spec, code, period, round(england * factor, 1), spec.denominator)
                     for code, factor in zip(neighbours, NEIGHBOUR_FACTORS, strict=False)]
        per_district = spec.denominator // 7
        rows += [_row(spec, districts[name], periods[-1], value, per_district)
                 for name, value in spec.districts.items() if name in districts]
    return rows


def _row(spec: Spec, area_code: str, period: str, value: float,
         denominator: int) -> dict[str, str]:
    row = {"indicator": spec.code, "area_code": area_code, "period": period,
           "value": "", "count": "", "denominator": "", "lower95": "", "upper95": ""}
    if spec.value_type == ValueType.MEAN:
        half = (spec.half_width or 0) * (1 if area_code != ENGLAND_CODE else 0.1)
        row.update(value=f"{value}", lower95=f"{value - half:.2f}",
                   upper95=f"{value + half:.2f}")
        return row
    count = round(value * denominator / spec.multiplier)
    row.update(value=f"{count * spec.multiplier / denominator:.4f}", count=str(count),
               denominator=str(denominator))
    return row


def _write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

