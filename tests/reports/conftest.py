import datetime

import pytest

from tests.reports.builders import action, indicator, plan_performance
from trustboard.plans.models import Plan
from trustboard.reports import selectors
from trustboard.reports.document import document_build
from trustboard.reports.models import Report
from trustboard.reports.sections import Context, default_sections, default_title
from trustboard.reports.services import report_draft_create

PARTNERSHIP = "Nottinghamshire Children's Trust"
COMMITTEE = "Children and Young People's Committee"
AS_AT = datetime.date(2012, 9, 30)


@pytest.fixture
def performance():
    """Three priorities: the seed's mix of better, worse and similar, one shared indicator."""
    shared = indicator("Percentage of overall absence in primary, secondary and special "
                       "schools", "better", polarity="lower_is_better", pk=7001,
                       commentary="Absence continues to fall.")
    return plan_performance([
        ([action("1.1", "Implement the Early Intervention and Prevention Strategy"),
          action("1.2", "Launch the Pathway to Provision", status="completed")],
         [indicator("Obesity in primary school age children in Reception Year", "better",
                    polarity="lower_is_better"), shared]),
        ([action("2.1", "Establish the Multi-agency Safeguarding Hub")],
         [indicator("Breastfeeding prevalence at 6-8 weeks", "worse"),
          indicator("Achievement of 5 or more A*-C grades at GCSE", "similar"),
          indicator("Births in the year", "higher", polarity="no_judgement", series=False)]),
        ([action("3.1", "Review the Youth Homelessness Strategy", status="on schedule")],
         [shared]),
    ])


def draft_for(performance, kind="performance", committee=COMMITTEE, **extra):
    context = Context(kind=kind, plan=performance.plan, refresh=None, performance=performance,
                      partnership=PARTNERSHIP, committee=committee, as_at=performance.as_at,
                      period_start=datetime.date(2012, 4, 1),
                      report_of="Corporate Director for Children, Families and Cultural "
                                "Services",
                      contact="Maggie Pape\nTeam Manager, Planning and Performance",
                      decisions=extra.pop("decisions", None))
    return Report(kind=kind, plan=performance.plan, as_at=performance.as_at,
                  title=default_title(kind, PARTNERSHIP, committee, performance.as_at),
                  committee=committee, meeting_date=datetime.date(2013, 1, 14),
                  agenda_item="8", report_of=context.report_of,
                  sections=default_sections(context), **extra)


@pytest.fixture
def document(performance):
    return document_build(draft_for(performance), performance, partnership=PARTNERSHIP)


@pytest.fixture
def plan():
    return Plan.objects.create(title="Children, Young People and Families Plan 2011-14",
                               slug="cypf-2011-14", starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31),
                               approved_by="the County Council",
                               approved_on=datetime.date(2011, 9, 22))


@pytest.fixture
def figures(monkeypatch, plan, settings, tmp_path):
    """The plan's figures as plans.selectors would give them, and storage in a temp folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    performance = plan_performance([([action("1.1")], [indicator("Obesity", "better"),
                                                       indicator("Breastfeeding", "worse")])])
    performance = type(performance)(plan=plan, as_at=AS_AT, area=performance.area,
                                    priorities=performance.priorities)
    monkeypatch.setattr(selectors, "plan_performance_for", lambda **kwargs: performance)
    return performance


def write_draft(plan, officer, **extra):
    return report_draft_create(by=officer, kind="performance", plan=plan, as_at=AS_AT,
                               committee="Children and Young People's Committee", **extra)
