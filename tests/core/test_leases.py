"""Leases: alive while their process holds them, dead once it is gone, however it went."""

import os
import signal
import subprocess
import sys

import pytest

from tests.installation import environment, wait_for
from trustboard.core.leases import _lease_path, lease_held, lease_is_alive


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_a_lease_is_alive_while_held_and_gone_after():
    with lease_held("job-1"):
        assert lease_is_alive("job-1")
    assert not lease_is_alive("job-1")
    assert not _lease_path("job-1").exists()


def test_a_lease_never_taken_is_not_alive():
    assert not lease_is_alive("job-2")


def test_a_lease_not_touched_within_the_timeout_is_not_alive(settings):
    with lease_held("job-3"):
        long_ago = _lease_path("job-3").stat().st_mtime - settings.TRUSTBOARD_JOB_TIMEOUT - 60
        os.utime(_lease_path("job-3"), (long_ago, long_ago))
        assert not lease_is_alive("job-3")


def test_the_lease_of_a_killed_process_is_not_alive(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import django, time\ndjango.setup()\n"
         "from trustboard.core.leases import lease_held\n"
         "with lease_held('job-4'):\n    print('held', flush=True)\n    time.sleep(60)\n"],
        env=environment(tmp_path, DJANGO_SETTINGS_MODULE="trustboard.settings"),
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        assert lease_is_alive("job-4")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()

    wait_for(lambda: not lease_is_alive("job-4"), seconds=5, what="the lock to go")
    assert _lease_path("job-4").exists()
