"""The partnership's annual report says how the recommendations made to it stand."""

import datetime

import pytest

from tests.reviews.factories import scrutiny_source
from trustboard.plans.models import Plan
from trustboard.reports.services import report_prepare
from trustboard.reviews.recommendation_models import Recommendation
from trustboard.reviews.recommendations import recommendation_respond, recommendation_save

pytestmark = pytest.mark.django_db


def test_the_annual_report_has_a_section_on_the_register(officer):
    plan = Plan.objects.create(title="Children and Young People's Plan 2011-14",
                               slug="cypp-2011-14", starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31))
    source = scrutiny_source(is_illustrative=True)
    for number in ("19", "20", "25"):
        recommendation_save(recommendation=Recommendation(source=source, number=number,
                                                          text=f"Recommendation {number}"),
                            by=officer)
    recommendation_respond(recommendation=source.recommendations.get(number="19"),
                           response="accepted", by=officer)
    recommendation_respond(recommendation=source.recommendations.get(number="25"),
                           response="not_accepted", reason="Another body leads.", by=officer)
    report, _ = report_prepare(kind="annual", plan=plan, as_at=datetime.date(2012, 3, 31),
                               committee="Children and Young People's Committee")
    section = next(one for one in report.sections if one["key"] == "recommendations-register")
    assert section["heading"] == "Recommendations made to the partnership"
    assert ("Ad Hoc Children's Trust Scrutiny Panel: final report (scrutiny panel, "
            "Middlesbrough Council Ad Hoc Children's Trust Scrutiny Panel): three "
            "recommendations, one accepted in whole or part, one not accepted, one awaiting a "
            "response, zero done (responses and progress illustrative)") in section["text"]


def test_an_annual_report_with_no_recommendations_has_no_such_section(officer):
    plan = Plan.objects.create(title="Plan", slug="plan", starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31))
    report, _ = report_prepare(kind="annual", plan=plan, as_at=datetime.date(2012, 3, 31),
                               committee="Children and Young People's Committee")
    assert "recommendations-register" not in {one["key"] for one in report.sections}
