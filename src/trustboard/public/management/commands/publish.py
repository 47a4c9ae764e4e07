"""`trustboard publish --output DIR [--base-url URL] [--force] [--max-pages N]`.

Writes the public site as static files with relative links, for a council that hosts it
on a plain web server (trustboard.public.publish; docs/public-site.md).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from trustboard.public.publish import DEFAULT_MAX_PAGES, PublishError, site_publish


class Command(BaseCommand):
    help = ("Write the whole public site (pages, charts, open data files, feeds, papers, "
            "packs, reports, the newsletter) to a folder as static files with relative "
            "links, as an anonymous reader sees it. Links to what the public cannot read, "
            "and forms, lead to the live site at --base-url.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True,
                            help="The folder to write: new, empty, or (with --force) an "
                                 "earlier copy.")
        parser.add_argument("--base-url", dest="base_url", default=None,
                            help="The live site's address, e.g. https://trust.example.gov.uk/ "
                                 "(default: the TRUSTBOARD_SITE_URL setting).")
        parser.add_argument("--force", action="store_true",
                            help="Replace an earlier copy in --output.")
        parser.add_argument("--max-pages", dest="max_pages", type=int,
                            default=DEFAULT_MAX_PAGES,
                            help=f"Stop with an error past this many addresses (default "
                                 f"{DEFAULT_MAX_PAGES}).")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, **options) -> None:
        if options["max_pages"] < 1:
            raise CommandError("--max-pages must be 1 or more.")
        with Progress(TextColumn("Copying the public site"), BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(),
                      disable=options["quiet"]) as progress:
            task = progress.add_task("publish", total=None)
            try:
                result = site_publish(
                    output=Path(options["output"]), base_url=options["base_url"],
                    force=options["force"], max_pages=options["max_pages"],
                    progress=lambda done, known: progress.update(task, completed=done,
                                                                 total=known))
            except PublishError as error:
                raise CommandError(error.message) from None
        self.stdout.write(
            f"Wrote {result.pages} pages and {result.files} other files to {result.output}; "
            f"{result.live_links} addresses the public cannot read, and "
            f"{result.forms_replaced} forms, lead to the live site.")
