import datetime

import pytest

from tests.reports.builders import action, indicator, plan_performance
from trustboard.reports.document import document_build
from trustboard.reports.models import Report
from trustboard.reports.sections import Context, default_sections, default_title

PARTNERSHIP = "Nottinghamshire Children's Trust"
COMMITTEE = "Children and Young People's Committee"


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
