"""The error a refused file raises: every row error found, up to a limit, at once."""

from __future__ import annotations

from trustboard.core.errors import ImportRowError, TrustboardError

#: How many row errors an import collects before it stops reading.
MAX_ERRORS = 20


class ImportFileError(TrustboardError):
    """A whole file refused; `errors` names each row and column found wrong, in file order.

    `message` reads as one paragraph per error, for a command's output or a page.
    """

    def __init__(self, errors: list[ImportRowError], *, source: str | None = None,
                 stopped_early: bool = False):
        self.errors = errors
        self.source = source
        self.stopped_early = stopped_early
        count = len(errors)
        head = (f"{source} was not imported" if source else "The file was not imported")
        head += f": {count} {'error' if count == 1 else 'errors'}"
        head += (f" (reading stopped at the first {count})." if stopped_early else
                 ". Nothing was written; put these right and import the file again.")
        super().__init__("\n".join([head, *(f"- {error.message}" for error in errors)]))
