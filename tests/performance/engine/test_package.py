"""Tests for engine/__init__.py: the package stands alone."""

import subprocess
import sys
from pathlib import Path

import trustboard.performance.engine as engine

SOURCE = Path(__file__).resolve().parents[3] / "src"


def test_importing_the_engine_does_not_import_django():
    script = ("import sys, trustboard.performance.engine; "
              "sys.exit(1 if any(name.split('.')[0] == 'django' for name in sys.modules) else 0)")

    finished = subprocess.run([sys.executable, "-c", script], env={"PYTHONPATH": str(SOURCE)},
                              capture_output=True, text=True, check=False)

    assert finished.returncode == 0, finished.stderr


def test_the_package_exports_every_public_name_it_lists():
    assert all(hasattr(engine, name) for name in engine.__all__)
