"""`trustboard db_worker`: django-tasks' database worker, which also recovers stopped jobs.

As it starts, and every RECOVERY_INTERVAL_SECONDS while it runs, it marks failed the jobs
whose process died mid-way (core.jobs.jobs_recover). It holds a lease of its own while it
runs, so the queue rows it claimed are failed too should it die.
"""

import logging
import threading

from django.db import DatabaseError, connection
from django_tasks_db.management.commands import db_worker

from trustboard.core.jobs import jobs_recover, worker_lease
from trustboard.core.leases import lease_held

RECOVERY_INTERVAL_SECONDS = 60

logger = logging.getLogger(__name__)


def _recover() -> None:
    try:
        for job in jobs_recover():
            logger.warning("Job %s (%s) had stopped unexpectedly: marked failed.", job.pk,
                           job.title)
    except DatabaseError as error:
        # SQLite is locked for the length of a long import: try again next time.
        logger.warning("Could not look for stopped jobs this time: %s", error)


def _recover_every(interval: float, stop: threading.Event) -> None:
    while not stop.wait(interval):
        _recover()
        connection.close()


class Command(db_worker.Command):
    help = ("Run the background worker: imports, reports and packs queued from the site. "
            "Jobs whose worker died are marked failed as it starts and every minute.")

    def handle(self, *args, **options) -> None:
        _recover()
        with lease_held(worker_lease(options["worker_id"])):
            stop = threading.Event()
            if not options["batch"]:
                threading.Thread(target=_recover_every, daemon=True, name="job recovery",
                                 args=(RECOVERY_INTERVAL_SECONDS, stop)).start()
            try:
                super().handle(*args, **options)
            finally:
                stop.set()
