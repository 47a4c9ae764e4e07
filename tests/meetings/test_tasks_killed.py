"""An agenda pack job killed mid-way (kill -9, issue 11): nothing recorded, the job failed on
the next start, no stray PDF left under media/packs, and the clerk can publish again."""

import json

from tests.installation import (
    copy,
    integrity,
    kill,
    python,
    query,
    sqlite_installations,
    start,
    trustboard,
    wait_for,
)
from trustboard.core.jobs import STOPPED_MESSAGE

EXEMPT_MEETING = """SELECT m.id FROM meetings_meeting m JOIN meetings_agendaitem i
ON i.meeting_id = m.id WHERE i.is_exempt = 1 AND m.status != 'cancelled'
ORDER BY m.id LIMIT 1"""

QUEUE_PACK = """
from django.contrib.auth import get_user_model
from trustboard.meetings.models import Meeting
from trustboard.meetings.services import pack_publish_queue
meeting = Meeting.objects.get(pk={meeting})
print(pack_publish_queue(meeting=meeting, by=get_user_model().objects.get(username="officer")).pk)
"""


def _stage(site, job_id: int) -> str:
    try:
        return json.loads((site / "jobs" / f"{job_id}.json").read_text())["stage"] or ""
    except (FileNotFoundError, ValueError):
        return ""


def _packs(site) -> set[str]:
    folder = site / "media" / "packs"
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


@sqlite_installations
def test_a_killed_pack_job_records_nothing_leaves_no_file_and_can_run_again(
        demo_installation, tmp_path):
    site = copy(demo_installation, tmp_path / "site")
    [(meeting,)] = query(site, EXEMPT_MEETING)
    versions = query(site, "SELECT count(*) FROM meetings_packversion WHERE meeting_id = ?",
                     meeting)
    packs = _packs(site)
    job_id = int(python(site, QUEUE_PACK.format(meeting=meeting)))
    worker = start(site, "db-worker", "--no-reload", "--no-startup-delay", "--verbosity", "0")
    try:
        # The public pack is stored by the time the members' full pack is being written.
        wait_for(lambda: "full pack" in _stage(site, job_id),
                 what="the members' full pack to be under way")
    finally:
        kill(worker)

    assert integrity(site) == "ok"
    assert query(site, "SELECT count(*) FROM meetings_packversion WHERE meeting_id = ?",
                 meeting) == versions
    assert _packs(site) - packs, "the killed job had stored its public pack"

    trustboard(site, "db-worker", "--batch", "--no-startup-delay", "--verbosity", "0")

    assert query(site, "SELECT status, error FROM core_job WHERE id = ?", job_id) == [
        ("failed", STOPPED_MESSAGE)]
    assert _packs(site) == packs

    again = int(python(site, QUEUE_PACK.format(meeting=meeting)))
    trustboard(site, "db-worker", "--batch", "--no-startup-delay", "--verbosity", "0")
    assert query(site, "SELECT status FROM core_job WHERE id = ?", again) == [("succeeded",)]
    assert query(site, "SELECT count(*) FROM meetings_packversion WHERE meeting_id = ?",
                 meeting) == [(versions[0][0] + 1,)]
