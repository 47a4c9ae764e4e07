"""`trustboard load-areas`: England, its regions, local authorities and districts."""

from django.core.management.base import BaseCommand

from trustboard.performance.services import area_load_national


class Command(BaseCommand):
    help = ("Load or refresh England, the nine regions, every upper-tier local authority "
            "(with its DfE number) and every district, from the ONS and DfE lists packaged "
            "with Trustboard (performance/data/README.md). Running it again changes nothing.")

    def handle(self, *args, **options) -> None:
        counts = area_load_national()
        self.stdout.write(f"Areas: {counts.created} created, {counts.updated} updated, "
                          f"{counts.unchanged} unchanged.")
