"""Agenda pack jobs whose worker died mid-way (kill -9, the machine going down).

Publishing a pack is one transaction, so a killed job recorded no version; but the PDFs it
had already stored are files, outside the transaction. When the worker's recovery
(core.jobs.jobs_recover) marks such a job failed, the files of the version it was writing
are deleted, so only packs that a version records stay under media/packs.
"""

from __future__ import annotations

import re

from django.core.files.storage import default_storage

from trustboard.core.jobs import job_stopped
from trustboard.core.models import Job
from trustboard.meetings.models import PackVersion

PACK_JOB = "agenda-pack"
PACKS_FOLDER = "packs"


def pack_files_unrecorded(meeting_id: int) -> list[str]:
    """The stored pack PDFs of the meeting that no published version records."""
    try:
        _, names = default_storage.listdir(PACKS_FOLDER)
    except FileNotFoundError:
        return []
    pattern = re.compile(rf"meeting-{meeting_id}-v\d+-(public|full)(_\w+)?\.pdf")
    recorded = {name for version in PackVersion.objects.filter(meeting_id=meeting_id)
                for name in (version.public_pdf.name, version.full_pdf.name) if name}
    return [f"{PACKS_FOLDER}/{name}" for name in sorted(names) if pattern.fullmatch(name)
            and f"{PACKS_FOLDER}/{name}" not in recorded]


def pack_job_stopped(*, job: Job, **_) -> None:
    """Delete the files the stopped job had stored for a version it never recorded."""
    if job.params.get("work") != PACK_JOB or job.params.get("meeting") is None:
        return
    for name in pack_files_unrecorded(job.params["meeting"]):
        default_storage.delete(name)


def connect() -> None:
    job_stopped.connect(pack_job_stopped, sender=Job, dispatch_uid="meetings-pack")
