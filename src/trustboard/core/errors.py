"""Domain errors that carry what a person needs to put the input right."""


class TrustboardError(Exception):
    """Base of every error Trustboard raises for a person to act on."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RuleError(TrustboardError):
    """A write refused by a domain rule; `field` names the form field concerned."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class ImportRowError(TrustboardError):
    """A file refused at a row (or line) and column."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None,
                 source: str | None = None):
        self.row = row
        self.column = column
        self.source = source
        where = ", ".join(
            part for part in (
                source,
                f"line {row}" if row is not None else None,
                f"'{column}'" if column else None,
            ) if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.detail = message
