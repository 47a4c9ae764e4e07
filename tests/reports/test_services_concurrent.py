"""Officers drafting the same report at once, each on a connection of their own."""

import pytest

from tests.reports.conftest import write_draft
from tests.threads import at_once, database_for_threads  # noqa: F401 - a fixture
from trustboard.reports.models import Report

pytestmark = pytest.mark.usefixtures("database_for_threads", "figures")


def test_drafts_written_at_once_each_get_their_own_version(plan, officer):
    failures = at_once(lambda number: write_draft(plan, officer, files=False),
                       threads=4, each=3)

    assert failures == []
    versions = sorted(Report.objects.filter(plan=plan).values_list("version", flat=True))
    assert versions == list(range(1, 13))
