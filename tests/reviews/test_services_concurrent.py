"""The same answers sent from several tabs at once, each on a connection of its own."""

import pytest

from tests.reviews.conftest import TODAY, build_survey
from tests.threads import at_once, database_for_threads  # noqa: F401 - a fixture
from trustboard.reviews.models import Answer, Invitation, Response
from trustboard.reviews.services import LinkRefused, answers_submit


@pytest.fixture
def survey(database_for_threads):  # noqa: F811 - the fixture imported
    return build_survey()


def test_answers_sent_from_four_tabs_at_once_are_counted_once(survey):
    failures = at_once(lambda number: answers_submit(
        public_id=survey.public_id, token=survey.tokens[0], today=TODAY,
        data={1: {"score": number + 1}, 2: {"choices": ["Yes"]}}), threads=4, each=1)

    assert len(failures) == 3
    assert all(isinstance(failure, LinkRefused) for failure in failures)
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 2
    assert Invitation.objects.filter(answered_on=TODAY).count() == 1
