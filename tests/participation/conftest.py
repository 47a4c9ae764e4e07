import datetime

import pytest

from trustboard.governance.models import Scenario
from trustboard.participation.models import Engagement, Finding, Method
from trustboard.participation.services import engagement_save, finding_save, topic_for
from trustboard.performance.models import Area
from trustboard.plans.models import Plan


@pytest.fixture
def officer(demo, django_user_model):
    """The demo's officer (the demo has its own)."""
    return django_user_model.objects.get(username="officer")


@pytest.fixture
def engagement(demo, officer) -> Engagement:
    """A Mansfield young people's group, as Plymouth asks: "champion the voice of children and
    young people and parents in service design"."""
    return engagement_save(engagement=Engagement(
        plan=Plan.objects.get(slug="cypf-2011-14"), scenario=Scenario.objects.get(slug="current"),
        title="Mansfield young people's group: youth clubs", held_on=datetime.date(2012, 11, 5),
        locality=Area.objects.get(name="Mansfield"), method=Method.GROUP,
        summary="Young people talked about youth clubs."),
        topics=["Things to do"], counts={("age band", "11-15"): 8}, by=officer)


@pytest.fixture
def finding(engagement, officer) -> Finding:
    return finding_save(finding=Finding(
        engagement=engagement, topic=topic_for(name="Things to do", by=officer),
        title="Young people want the youth club open on Saturdays",
        said="There is nothing to do at the weekend."),
        priorities=engagement.plan.priorities.filter(number=6), by=officer)
