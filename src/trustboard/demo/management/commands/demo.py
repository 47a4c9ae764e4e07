import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from trustboard.demo.loader import DEMO_LOGINS, demo_is_loaded, demo_load


class Command(BaseCommand):
    help = "Build the demo partnership from the seed papers and serve it on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--load-only", action="store_true",
                            help="Load the demo and stop, without serving it.")

    def handle(self, *args, port: int, load_only: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if demo_is_loaded():
            self.stdout.write("The demo partnership is already loaded.")
        else:
            self.stdout.write("Loading the demo partnership (Nottinghamshire, from the seeds)...")
            demo_load()
            self.stdout.write(self.style.SUCCESS("Demo loaded."))
        self.stdout.write("\nDemo sign-ins (for this demo only):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<8} {login.password:<24} {login.note}")
        if load_only:
            return
        self.stdout.write(f"\nServing http://127.0.0.1:{port}/  (Ctrl-C to stop)\n")
        # Imports and reports run in the background; the demo runs their worker beside it.
        worker = subprocess.Popen([sys.executable, "-m", "trustboard.cli", "db_worker",
                                   "--no-reload", "--verbosity", "0"])
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
