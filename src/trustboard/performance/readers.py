"""Read import files in batches: a Fingertips or tidy CSV, or a tidy workbook.

Each source yields Polars frames of text columns named as Trustboard names them, with a
`row` number, and can say which file line a row starts on, for error messages. A CSV is
cut into pieces at record ends and parsed a piece at a time, on a thread of its own, so
memory stays flat whatever the file's size. Nothing here touches the database.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import queue
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from trustboard.core.errors import ImportRowError
from trustboard.performance.errors import ImportFileError

FINGERTIPS_FORMAT = "fingertips"
TIDY_FORMAT = "tidy"
FORMATS = (FINGERTIPS_FORMAT, TIDY_FORMAT)

#: The Fingertips export's columns that Trustboard keeps, and its names for them. The
#: others (names, comparisons, trends) are derived, and are written again on export.
FINGERTIPS_COLUMNS = {
    "Indicator ID": "indicator",
    "Indicator Name": "indicator_name",
    "Area Code": "area_code",
    "Sex": "sex",
    "Age": "age",
    "Category Type": "category_type",
    "Category": "category",
    "Time period": "period",
    "Value": "value",
    "Lower CI 95.0 limit": "lower95",
    "Upper CI 95.0 limit": "upper95",
    "Lower CI 99.8 limit": "lower998",
    "Upper CI 99.8 limit": "upper998",
    "Count": "count",
    "Denominator": "denominator",
    "Value note": "value_note",
}
TIDY_REQUIRED = ["indicator", "area_code", "period", "value"]
TIDY_OPTIONAL = ["count", "denominator", "lower95", "upper95", "lower998", "upper998",
                 "value_note", "sex", "age", "category_type", "category"]
TIDY_COLUMNS = [*TIDY_REQUIRED, *TIDY_OPTIONAL]

BATCH_BYTES = 8 << 20
# Polars parses 4 MB at a time: its working memory is several times what it parses.
PIECE_BYTES = 4 << 20
XLSX_BATCH_ROWS = 50_000
_XLSX_MAGIC = b"PK\x03\x04"
_WORKBOOK_UNOPENABLE = "the workbook cannot be opened"
# What openpyxl lets out when a workbook's zip or XML is damaged, on opening or while its
# rows are read: a zip that is not one or fails its checksums, data that will not inflate,
# XML that will not parse (lxml's and ElementTree's errors are SyntaxErrors), a part missing.
_DAMAGED_WORKBOOK = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, SyntaxError,
                     KeyError, OSError, ValueError, TypeError, IndexError)


@dataclass
class Problem:
    """A row error before its row is turned into a line number (`{first}` is another row);
    a problem found by line rather than by row gives `line` instead."""

    row: int | None
    column: str | None
    message: str
    first: int | None = None
    line: int | None = None


# --- reading files -------------------------------------------------------------------------


class FileScan(threading.Thread):
    """Hash the file, and count its newlines and quotes, beside the parsing.

    hashlib and bytes.count release the GIL, so this runs on the second core while Polars
    parses. The counts let the truncation check find the last record's line exactly.
    """

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path = path
        self.sha256 = ""
        self.newlines = 0
        self.quotes = 0
        self.error: OSError | None = None

    def run(self) -> None:
        digest = hashlib.sha256()
        try:
            with self.path.open("rb") as file:
                while chunk := file.read(1 << 22):
                    digest.update(chunk)
                    self.newlines += chunk.count(b"\n")
                    self.quotes += chunk.count(b'"')
        except OSError as error:
            self.error = error
        self.sha256 = digest.hexdigest()

    def result(self) -> FileScan:
        self.join()
        return self


def open_source(path: Path, *, name: str, format: str | None, scan: FileScan) -> Source:
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(1 << 16)
    except FileNotFoundError as error:
        raise ImportFileError([ImportRowError("there is no such file.")], source=name) from error
    except OSError as error:
        raise ImportFileError([ImportRowError(f"cannot be read: {error.strerror}.")],
                              source=name) from error
    if format not in (None, *FORMATS):
        raise ImportFileError([ImportRowError(
            f"'{format}' is not a format Trustboard reads: use fingertips or tidy.")],
            source=name)
    if size == 0 or not head.strip(b"\xef\xbb\xbf \r\n\t"):
        raise ImportFileError([ImportRowError("the file is empty.")], source=name)
    if name.lower().endswith(".xlsx") and not head.startswith(_XLSX_MAGIC):
        raise ImportFileError([ImportRowError(
            f"{_WORKBOOK_UNOPENABLE}: the file is named .xlsx, but an Excel workbook is a zip "
            "file and this is not one. Save it from Excel as 'Excel Workbook (.xlsx)', or as "
            "'CSV UTF-8' named .csv.")], source=name)
    if head.startswith(_XLSX_MAGIC):
        if format == FINGERTIPS_FORMAT:
            raise ImportFileError([ImportRowError(
                "this is a spreadsheet, but Fingertips exports are CSV files; import it as "
                "the tidy format or export CSV from Fingertips.")], source=name)
        return XlsxSource(path, name=name, scan=scan)
    _refuse_wrong_encoding(head, name=name)
    return CsvSource(path, name=name, format=format, scan=scan, head=head, size=size)


def _refuse_wrong_encoding(head: bytes, *, name: str) -> None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head[:4096]:
        raise ImportFileError([ImportRowError(
            "the file is UTF-16 text (Excel's 'Unicode Text'); save it as 'CSV UTF-8'.",
            row=1)], source=name)
    position = _first_bad_utf8(head)
    if position is not None:
        raise ImportFileError([_encoding_error(head, position)], source=name)


def _first_bad_utf8(data: bytes, *, final: bool = False) -> int | None:
    """Return the offset of the first byte that is not UTF-8 in `data`, or None."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
    except UnicodeDecodeError as error:
        return error.start
    return None


def _encoding_error(data: bytes, position: int, *, line_offset: int = 0) -> ImportRowError:
    line = line_offset + data.count(b"\n", 0, position) + 1
    window = data[max(0, position - 200):position + 200]
    try:
        window.decode("cp1252")
        byte = data[position:position + 1].decode("cp1252")
        guess = (f"it looks like Windows-1252 (byte 0x{data[position]:02X}, '{byte}' there), "
                 f"as Excel writes 'CSV' rather than 'CSV UTF-8'")
    except UnicodeDecodeError:
        guess = f"byte 0x{data[position]:02X} is not UTF-8"
    return ImportRowError(f"the file is not UTF-8 text: {guess}. Save it as 'CSV UTF-8' and "
                          f"import it again.", row=line)


class Source:
    """A file's rows in batches of text columns, with our column names and a `row` number."""

    path: Path
    scan: FileScan
    name: str
    header: list[str]
    format: str
    label_of: dict[str, str]  # our column name -> the file's, for messages
    rows_estimate: int

    def batches(self, size: int) -> Iterator[pl.DataFrame]:
        raise NotImplementedError

    def lines(self, rows: set[int]) -> dict[int, int]:
        raise NotImplementedError

    def final_problems(self) -> list[Problem]:
        return []


def _read_header(head: bytes) -> list[str]:
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    first = next(csv.reader(io.StringIO(text)), [])
    return [name.strip() for name in first]


def _detect_format(header: list[str], *, name: str) -> str:
    if "Indicator ID" in header and "Time period" in header:
        return FINGERTIPS_FORMAT
    if "indicator" in header and "area_code" in header:
        return TIDY_FORMAT
    raise ImportFileError([ImportRowError(
        "the header is neither a Fingertips export's (Indicator ID, ..., Time period, ...) "
        "nor the tidy format's (indicator, area_code, period, value, ...).", row=1)],
        source=name)


def _column_map(header: list[str], format: str, *, name: str) -> dict[str, str]:
    """Map the file's column names to ours, refusing missing or (for tidy) unknown columns."""
    if format == FINGERTIPS_FORMAT:
        wanted = FINGERTIPS_COLUMNS
        missing = [column for column in wanted if column not in header]
        unknown: list[str] = []
    else:
        wanted = {column: column for column in TIDY_COLUMNS}
        missing = [column for column in TIDY_REQUIRED if column not in header]
        unknown = [column for column in header if column not in wanted]
    problems = []
    if missing:
        problems.append(ImportRowError(
            f"the file has no {_listed(missing)} column; a {format} file needs "
            f"{_listed(list(wanted) if format == FINGERTIPS_FORMAT else TIDY_REQUIRED)}.",
            row=1))
    if unknown:
        problems.append(ImportRowError(
            f"the tidy format has no column {_listed(unknown)}; its columns are "
            f"{', '.join(TIDY_COLUMNS)}.", row=1))
    repeated = sorted({column for column in header if header.count(column) > 1 and column})
    if repeated:
        problems.append(ImportRowError(f"the column {_listed(repeated)} appears twice.", row=1))
    if problems:
        raise ImportFileError(problems, source=name)
    return {column: ours for column, ours in wanted.items() if column in header}


class CsvSource(Source):
    def __init__(self, path: Path, *, name: str, format: str | None, scan: FileScan,
                 head: bytes, size: int):
        self.path, self.name, self.scan = path, name, scan
        header = _read_header(head)
        self.header = header
        self.format = format or _detect_format(header, name=name)
        self.columns = _column_map(header, self.format, name=name)
        self.label_of = {ours: column for column, ours in self.columns.items()}
        lines_in_head = max(head.count(b"\n"), 1)
        self.rows_estimate = max(1, round(size * lines_in_head / len(head)) - 1)
        self.size = size

    def batches(self, size: int) -> Iterator[pl.DataFrame]:
        """Read about `size` bytes at a time, cut at the end of a record, each piece parsed
        by Polars on both cores. Memory holds one piece and its frame, whatever the file's
        size (Polars' own streaming reader runs ahead and holds far more)."""
        # One column more than the header has: a value there is a line with too many
        # fields (an unquoted comma shifting the figures), which Polars would otherwise
        # pass over as it parses only the columns asked for.
        width = len(self.header)
        schema = {f"column {index}": pl.String for index in range(width + 1)}
        wanted = [self.header.index(column) for column in self.columns]
        names = {f"column {self.header.index(column)}": ours
                 for column, ours in self.columns.items()}
        rows, parsed, parsed_bytes = 0, [], 0
        # Small pieces keep the parser's working memory small; several parsed pieces make
        # one batch, so the checks' fixed cost a batch is paid less often.
        for piece in _record_pieces(self.path, min(size, PIECE_BYTES)):
            try:
                parsed.append(pl.read_csv(piece, has_header=False, schema=schema,
                                          missing_columns="insert", infer_schema=False,
                                          columns=[*wanted, width]))
            except (pl.exceptions.ComputeError, pl.exceptions.SchemaError) as error:
                raise UnreadableCsv(str(error)) from error
            parsed_bytes += len(piece)
            if parsed_bytes >= size:
                yield self._batch_of(parsed, rows, names, width)
                rows += sum(frame.height for frame in parsed)
                parsed, parsed_bytes = [], 0
        if parsed:
            yield self._batch_of(parsed, rows, names, width)

    @staticmethod
    def _batch_of(parsed: list[pl.DataFrame], first_row: int, names: dict[str, str],
                  width: int) -> pl.DataFrame:
        frame = pl.concat(parsed)
        return frame.rename({**names, f"column {width}": "extra_field"}).with_columns(
            pl.int_range(first_row, first_row + frame.height, dtype=pl.Int64).alias("row"))

    def unreadable(self, error: UnreadableCsv) -> Problem | ImportRowError:
        """Say why Polars could not read the file, with the line where it can be found."""
        text = error.args[0]
        if "utf-8" in text.lower():
            return self._encoding_problem()
        with self.path.open(newline="", encoding="utf-8-sig", errors="replace") as file:
            reader = csv.reader(file)
            try:
                for record in reader:
                    if len(record) > len(self.header):
                        return ImportRowError(
                            f"the line has {len(record)} fields but the header has "
                            f"{len(self.header)}.", row=reader.line_num)
            except csv.Error as csv_error:
                return ImportRowError(f"the line cannot be read as CSV ({csv_error}).",
                                      row=reader.line_num)
        if "escaped" in text or "quote" in text.lower():
            return ImportRowError("a quoted field is never closed: the file looks cut short.",
                                  row=self.scan.result().newlines + 1)
        return ImportRowError(f"the file cannot be read as CSV: {text.splitlines()[0]}")

    def _encoding_problem(self) -> ImportRowError:
        offset, lines = 0, 0
        decoder = codecs.getincrementaldecoder("utf-8")()
        with self.path.open("rb") as file:
            while chunk := file.read(1 << 22):
                try:
                    decoder.decode(chunk, final=len(chunk) < 1 << 22)
                except UnicodeDecodeError as error:
                    position = max(0, error.start)
                    return _encoding_error(chunk, position, line_offset=lines)
                offset += len(chunk)
                lines += chunk.count(b"\n")
        return ImportRowError("the file is not UTF-8 text; save it as 'CSV UTF-8'.")

    def lines(self, rows: set[int]) -> dict[int, int]:
        """Return the file line each data row starts on (quoted fields may span lines)."""
        wanted, found = set(rows), {}
        if not wanted:
            return found
        last = max(wanted)
        with self.path.open(newline="", encoding="utf-8-sig", errors="replace") as file:
            reader = csv.reader(file)
            next(reader, None)
            start = reader.line_num + 1
            for index, _record in enumerate(reader):
                if index in wanted:
                    found[index] = start
                if index >= last:
                    break
                start = reader.line_num + 1
        return found

    def final_problems(self) -> list[Problem]:
        """Refuse a file whose last record has fewer fields than the one before it (or than
        the columns read need): the sign of a download or copy cut short.

        Only the file's last 64 KB are read. Fingertips' older exports leave out an empty
        last field on every row, so the record before, not the header, is the measure.
        """
        scan = self.scan.result()
        with self.path.open("rb") as file:
            file.seek(max(0, self.size - (1 << 16)))
            tail = file.read()
        # Quotes before the tail say whether it starts inside a quoted field.
        inside = (scan.quotes - tail.count(b'"')) % 2 == 1
        starts = []
        for position, byte in enumerate(tail):
            if byte == 0x22:
                inside = not inside
            elif byte == 0x0A and not inside and position + 1 < len(tail):
                starts.append(position + 1)
        if not starts:
            return []
        ends = [*starts[1:], len(tail)]
        records = [(start, tail[start:end].decode("utf-8", errors="replace"))
                   for start, end in zip(starts, ends, strict=True)]
        records = [(start, text) for start, text in records if text.strip()]
        if not records:
            return []
        counts = [len(next(csv.reader(io.StringIO(text)), [])) for _, text in records[-2:]]
        needed = max(self.header.index(column) for column in self.columns) + 1
        expected = counts[0] if len(counts) == 2 else needed
        if counts[-1] >= expected:
            return []
        line = scan.newlines - tail.count(b"\n", records[-1][0]) + 1
        return [Problem(None, None, line=line, message=
                         f"the last line has {counts[-1]} fields where {expected} were expected: "
                         f"the file looks cut short. Download or save it again.")]


class UnreadableCsv(Exception):
    pass


def read_ahead(batches: Iterator[pl.DataFrame]) -> Iterator[pl.DataFrame]:
    """Read and parse the next batch on another thread while this one is checked and
    written. Polars parses without the GIL and SQLite writes without it, so the two
    overlap on the machine's two cores; only files are read there, never the database."""
    ready: queue.Queue = queue.Queue(maxsize=1)
    finished = object()
    stop = threading.Event()

    def read() -> None:
        try:
            for batch in batches:
                if stop.is_set():
                    return
                ready.put(batch)
        except BaseException as error:  # handed to the reading thread below, not swallowed
            ready.put(error)
            return
        ready.put(finished)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        while (item := ready.get()) is not finished:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while reader.is_alive():
            try:
                ready.get_nowait()
            except queue.Empty:
                reader.join(0.01)


def _record_pieces(path: Path, size: int) -> Iterator[bytes]:
    """Yield the file after its header in pieces of about `size` bytes, each ending at the
    end of a record (a newline outside quotes), so no record is split between pieces."""
    with path.open("rb") as file:
        data = b""
        while (header_end := _record_end(data, first=True)) is None:
            block = file.read(size)
            if not block:
                return
            data += block
        carry, at_end = data[header_end:], False
        while True:
            if at_end:
                if carry:
                    yield carry
                return
            end = _record_end(carry) if len(carry) >= size else None
            if end is None:
                block = file.read(size)
                at_end = not block
                carry += block
                continue
            yield carry[:end]
            carry = carry[end:]


def _record_end(data: bytes, *, first: bool = False) -> int | None:
    """Return the offset just after the last (or `first`) newline of `data` that lies
    outside quotes, counting quotes from its start; None if there is none."""
    if first:
        position = data.find(b"\n")
        while position >= 0:
            if data.count(b'"', 0, position) % 2 == 0:
                return position + 1
            position = data.find(b"\n", position + 1)
        return None
    quotes = data.count(b'"')
    position = data.rfind(b"\n")
    while position >= 0:
        if (quotes - data.count(b'"', position)) % 2 == 0:
            return position + 1
        position = data.rfind(b"\n", 0, position)
    return None


class XlsxSource(Source):
    """The first sheet of a workbook, read row by row (openpyxl's read-only mode)."""

    format = TIDY_FORMAT

    def __init__(self, path: Path, *, name: str, scan: FileScan):
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        self.path, self.name, self.scan = path, name, scan
        try:
            self.book = load_workbook(path, read_only=True, data_only=True)
            sheet = self.book.worksheets[0]
            self.rows = sheet.iter_rows(values_only=True)
            header_row = next(self.rows, None) or ()
        except (InvalidFileException, *_DAMAGED_WORKBOOK) as error:
            raise self._unopenable(error) from error
        self.header = [_cell_text(cell) or "" for cell in header_row]
        while self.header and not self.header[-1]:
            self.header.pop()
        self.columns = _column_map(self.header, TIDY_FORMAT, name=name)
        self.label_of = {ours: column for column, ours in self.columns.items()}
        self.rows_estimate = max(1, (sheet.max_row or 2) - 1)

    def batches(self, size: int) -> Iterator[pl.DataFrame]:
        positions = [(self.header.index(column), ours) for column, ours in self.columns.items()]
        buffer: dict[str, list[str | None]] = {ours: [] for _, ours in positions}
        rows: list[int] = []
        excel_row = 1
        try:
            for values in self.rows:
                excel_row += 1
                for index, ours in positions:
                    buffer[ours].append(_cell_text(values[index]) if index < len(values)
                                        else None)
                rows.append(excel_row)
                if len(rows) >= size:
                    yield self._frame(rows, buffer)
                    rows, buffer = [], {ours: [] for _, ours in positions}
        except _DAMAGED_WORKBOOK as error:
            raise self._unopenable(error) from error
        finally:
            self.book.close()
        if rows:
            yield self._frame(rows, buffer)

    def _unopenable(self, error: Exception) -> ImportFileError:
        """Refuse a workbook whose zip or XML is damaged, whenever reading finds it."""
        why = str(error).strip().rstrip(".") or type(error).__name__
        return ImportFileError([ImportRowError(
            f"{_WORKBOOK_UNOPENABLE}: it is damaged or is not an Excel workbook ({why}). "
            "Open it in Excel and save it again as 'Excel Workbook (.xlsx)', or as "
            "'CSV UTF-8' named .csv.")], source=self.name)

    @staticmethod
    def _frame(rows: list[int], buffer: dict[str, list[str | None]]) -> pl.DataFrame:
        return pl.DataFrame({"row": rows, **buffer},
                            schema={"row": pl.Int64, **dict.fromkeys(buffer, pl.String)})

    def lines(self, rows: set[int]) -> dict[int, int]:
        return {row: row for row in rows}


def _cell_text(cell) -> str | None:
    """A spreadsheet cell as the text a CSV would hold (2023.0 reads as 2023)."""
    if cell is None:
        return None
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() and abs(cell) < 1e15 else repr(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    text = str(cell)
    return text if text.strip() else None


def _listed(names: list[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
