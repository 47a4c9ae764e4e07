"""Import indicator data from a Fingertips CSV export or a tidy CSV/XLSX file.

`data_import` is the one way data points are written. It reads the file in batches
(`readers`: a file of any size is streamed, never loaded whole), checks every row with
whole-column Polars expressions, and writes new and changed rows in bulk: many rows to a
statement on SQLite; on PostgreSQL, a binary COPY (straight into the table for a large
import, whose foreign keys are then checked once rather than row by row; into a temporary
table moved in at the end for a small one).
Everything happens in one transaction, so a file with a single wrong row is refused whole
and the database is left as it was.

The formats, checks and choices are documented in docs/indicators-import.md.
"""

from __future__ import annotations

import contextlib
import functools
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from trustboard.core.errors import ImportRowError
from trustboard.core.page_cache import data_changed
from trustboard.performance.engine import proportion_ci, rate_ci
from trustboard.performance.errors import MAX_ERRORS, ImportFileError
from trustboard.performance.models import (
    FINGERTIPS,
    Area,
    Breakdown,
    DataImport,
    DataPoint,
    Frequency,
    ImportStatus,
    Indicator,
    LimitsSource,
    Period,
    Polarity,
    ValueType,
)
from trustboard.performance.periods import ParsedPeriod, PeriodError, period_parse
from trustboard.performance.readers import (
    BATCH_BYTES,
    FINGERTIPS_COLUMNS,
    FINGERTIPS_FORMAT,
    FORMATS,
    TIDY_COLUMNS,
    TIDY_FORMAT,
    TIDY_OPTIONAL,
    XLSX_BATCH_ROWS,
    CsvSource,
    FileScan,
    Problem,
    Source,
    UnreadableCsv,
    open_source,
    read_ahead,
)
from trustboard.performance.services import indicators_create

__all__ = ["FINGERTIPS_COLUMNS", "FORMATS", "TIDY_COLUMNS", "data_import"]

Progress = Callable[[int, int], None]

MEASURES = ["value", "lower95", "upper95", "lower998", "upper998", "count", "denominator"]
BREAKDOWN = ["sex", "age", "category_type", "category"]
KEY = ["indicator_id", "area_id", "period_id", "breakdown_id"]
# What a re-import compares: a row whose figures, note and limits' source are all equal is
# unchanged and left alone.
COMPARED = [*MEASURES, "value_note", "limits_source"]

DEFAULTS = {"sex": "Persons", "age": "All ages", "category_type": "", "category": "",
            "value_note": ""}
# Text a spreadsheet would run as a formula (OWASP "CSV injection"): refused on import.
FORMULA_START = r"^[=+\-@\t\r]"
_TEXT_CHECKED = ["indicator_name", "sex", "age", "category_type", "category", "value_note"]
_MAX_LENGTH = {"sex": 40, "age": 60, "category_type": 200, "category": 200, "period": 40}

# 13 parameters a row x 500 rows stays under SQLite's limit of 32,766 parameters.
ROWS_PER_STATEMENT = 500

# On PostgreSQL an import expected to write this many rows or more drops the data point
# table's foreign keys when it starts, copies its rows straight into the table while it
# checks the next batch, and adds the keys back at the end, which checks every key with one
# query per constraint instead of one query per row and constraint at commit. A smaller one
# copies into a temporary table moved in at the end in one INSERT ... SELECT (which drops
# and adds back the keys too if it turns out to move this many rows). See
# docs/indicators-import.md, "PostgreSQL".
KEYS_CHECKED_AT_ONCE_ROWS = 50_000
# How long such an import waits for the tables it locks before it checks the keys row by
# row instead.
KEYS_LOCK_TIMEOUT = "5s"
# The types a binary COPY sends, column by column as the data point table has them
# (bigint, double precision and text; binary COPY takes no other width).
COPY_TYPES = {**dict.fromkeys([*KEY, "provenance"], pl.Int64),
              **dict.fromkeys(MEASURES, pl.Float64), "value_note": pl.String,
              "limits_source": pl.String}
# Rows a COPY statement writes: the importing thread waits at most one piece for the
# connection they share.
COPY_PIECE_ROWS = 5_000

# PostgreSQL plans with the statistics ANALYZE gathered, and autovacuum gathers them only
# some time after a commit: straight after a large import the planner still thinks the data
# point table is as small as it was, and chose a plan for one UPDATE ... WHERE id IN
# (subquery) that ran for more than 16 minutes. An import writing at least this many rows
# gathers them itself (docs/indicators-import.md, "PostgreSQL").
ANALYZE_AFTER_ROWS = 10_000


@dataclass
class _Counts:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


# --- the service ---------------------------------------------------------------------------


def data_import(
    *,
    path: Path | str,
    by,
    format: str | None = None,
    file_name: str | None = None,
    create_indicators: bool = False,
    polarity: str = Polarity.NO_JUDGEMENT,
    value_type: str | None = None,
    progress: Progress | None = None,
    record: DataImport | None = None,
    batch_bytes: int = BATCH_BYTES,
) -> DataImport:
    """Import a Fingertips or tidy file in one transaction and return its DataImport.

    New rows are created and changed rows updated, with history kept of the values they
    replace; rows already held with the same figures are left alone, so importing a file
    twice changes nothing. Any wrong row refuses the whole file with ImportFileError,
    naming up to MAX_ERRORS rows and columns, and nothing is written. `progress(done,
    total)` is called after each batch; `total` is estimated from the file's size until
    the last call. `create_indicators` lets a Fingertips file add the indicators it names
    (with `polarity` and `value_type`, inferred when not given); `record` is a queued
    DataImport to fill in, as a background task has.
    """
    path = Path(path)
    name = file_name or path.name
    scan = FileScan(path)
    scan.start()
    try:
        source = open_source(path, name=name, format=format, scan=scan)
        with transaction.atomic():
            importer = _Importer(source=source, by=by, create_indicators=create_indicators,
                                 polarity=polarity, value_type=value_type, progress=progress,
                                 record=record, batch_bytes=batch_bytes)
            record = importer.run()
            _statistics_gathered(rows_written=record.created + record.updated)
            # The rows went in round Django's cursor wrappers: say the data changed.
            data_changed()
            return record
    finally:
        scan.join()


def _statistics_gathered(*, rows_written: int) -> bool:
    """On PostgreSQL, ANALYZE the data point table after an import of ANALYZE_AFTER_ROWS
    rows or more; say whether it did.

    It runs in the import's transaction (ANALYZE may; VACUUM may not), so the statistics
    count the rows just written and the queries after it are planned on them. It reads a
    sample of the table (30,000 rows at the default statistics target), so it takes
    seconds at most whatever the table's size.
    """
    if connection.vendor != "postgresql" or rows_written < ANALYZE_AFTER_ROWS:
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(DataPoint._meta.db_table)}")
    return True


# --- checking and writing ------------------------------------------------------------------


@dataclass
class _Catalogue:
    """What rows are checked against, loaded once and extended as the import creates."""

    areas: dict[str, int]
    indicators: dict[int, Indicator]
    by_fingertips_id: dict[str, int]
    by_source_id: dict[str, list[int]]
    by_name: dict[str, list[int]]
    periods: dict[tuple[str, date, date], int]
    breakdowns: dict[tuple[str, str, str, str], int]
    # Each indicator's rows held before this import: key, id and a hash of COMPARED.
    existing: dict[int, pl.DataFrame] = field(default_factory=dict)

    @classmethod
    def load(cls) -> _Catalogue:
        indicators = {indicator.pk: indicator for indicator in Indicator.objects.all()}
        by_source_id: dict[str, list[int]] = {}
        by_name: dict[str, list[int]] = {}
        for indicator in indicators.values():
            if indicator.source_id:
                by_source_id.setdefault(indicator.source_id, []).append(indicator.pk)
            by_name.setdefault(_name_key(indicator.name), []).append(indicator.pk)
        return cls(
            areas=dict(Area.objects.values_list("code", "pk")),
            indicators=indicators,
            by_fingertips_id={i.source_id: i.pk for i in indicators.values()
                              if i.source == FINGERTIPS and i.source_id},
            by_source_id=by_source_id,
            by_name=by_name,
            periods={(label, start, end): pk for pk, label, start, end in
                     Period.objects.values_list("pk", "label", "start", "end")},
            breakdowns={tuple(values[1:]): values[0] for values in Breakdown.objects.values_list(
                "pk", "sex", "age", "category_type", "category")},
        )


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class _Importer:
    def __init__(self, *, source: Source, by, create_indicators: bool, polarity: str,
                 value_type: str | None, progress: Progress | None, record: DataImport | None,
                 batch_bytes: int):
        self.source = source
        self.by = by
        self.create_indicators = create_indicators
        self.polarity = polarity
        self.value_type = value_type
        self.progress = progress
        self.batch_size = batch_bytes if isinstance(source, CsvSource) else XLSX_BATCH_ROWS
        self.catalogue = _Catalogue.load()
        self.problems: list[Problem] = []
        self.counts = _Counts()
        self.seen_keys = np.empty(0, dtype=np.uint64)
        self.seen_rows: list[pl.DataFrame] = []
        self.now = timezone.now()
        self.record = record or DataImport(file_name=source.name[:255], sha256="",
                                           format=source.format, by=by, at=self.now)
        self.record.status = ImportStatus.RUNNING
        self.record.format = source.format
        self.record.rows_total = source.rows_estimate
        self.record.save()
        self.writer = _Writer(provenance_id=self.record.pk,
                              rows_expected=source.rows_estimate)

    @property
    def stopped(self) -> bool:
        return len(self.problems) >= MAX_ERRORS

    def run(self) -> DataImport:
        try:
            self._read_all()
            self.writer.finish()
        except BaseException:
            # The transaction is undone as the error leaves; the writer must stop first.
            self.writer.abandon()
            raise
        return self._completed()

    def _read_all(self) -> None:
        try:
            for batch in read_ahead(self.source.batches(self.batch_size)):
                self._batch(batch)
                if self.stopped:
                    break
        except UnreadableCsv as error:
            self._refuse(extra=[self.source.unreadable(error)])
        if not self.stopped:
            self.problems += self.source.final_problems()
        if self.counts.rows == 0 and not self.problems:
            self._refuse(extra=[ImportRowError("the file has a header but no data rows.",
                                               row=2)])
        if self.problems:
            self._refuse()

    def _completed(self) -> DataImport:
        record = self.record
        record.sha256 = self.source.scan.result().sha256
        record.rows = self.counts.rows
        record.rows_total = self.counts.rows
        record.progress = self.counts.rows
        record.created, record.updated = self.counts.created, self.counts.updated
        record.unchanged = self.counts.unchanged
        record.status = ImportStatus.COMPLETED
        record.finished_at = timezone.now()
        record.save()
        if self.progress:
            self.progress(self.counts.rows, self.counts.rows)
        return record

    # -- one batch --------------------------------------------------------------------------

    def _batch(self, raw: pl.DataFrame) -> None:
        raw = self._drop_blank_lines(raw)
        if raw.height == 0:
            return
        self.counts.rows += raw.height
        if "extra_field" in raw.columns:
            self._problems_where(
                raw, pl.col("extra_field").is_not_null(), "",
                pl.lit(f"the line has more fields than the header's {len(self.source.header)}: "
                       f"is a comma missing its quotes?"))
            raw = raw.drop("extra_field")
        frame = self._with_defaults(raw)
        frame = self._numbers(frame)
        frame = self._refuse_formulae(frame)
        frame = self._indicators(frame)
        frame = self._areas(frame)
        frame = self._periods(frame)
        frame = self._breakdowns(frame)
        frame = self._limits_checked(frame)
        frame = self._limits_computed(frame)
        frame = frame.with_columns(_figures_hash().alias("figures"))
        frame = self._repeats(frame)
        if not self.problems:
            self._write(frame)
        if self.progress:
            # A background task may record progress through the same connection.
            with self.writer.using_connection():
                self.progress(self.counts.rows,
                              max(self.counts.rows, self.source.rows_estimate))

    def _drop_blank_lines(self, raw: pl.DataFrame) -> pl.DataFrame:
        data = [name for name in raw.columns if name not in ("row", "extra_field")]
        return raw.filter(pl.any_horizontal(pl.col(data).is_not_null()))

    def _with_defaults(self, raw: pl.DataFrame) -> pl.DataFrame:
        frame = raw
        if self.source.format == TIDY_FORMAT:
            # Hand-made files carry stray spaces; Fingertips' own text is kept exactly.
            frame = frame.with_columns(
                pl.when(pl.col(name).str.strip_chars() != "")
                .then(pl.col(name).str.strip_chars()).alias(name)
                for name in frame.columns if frame.schema[name] == pl.String)
        missing = {name: pl.lit(None, dtype=pl.String)
                   for name in [*TIDY_OPTIONAL, "indicator_name"] if name not in frame.columns}
        frame = frame.with_columns(**missing)
        return frame.with_columns(
            pl.col(name).fill_null(default) for name, default in DEFAULTS.items()
        )

    def _label(self, column: str) -> str | None:
        return self.source.label_of.get(column, column) or None

    def _problems_where(self, frame: pl.DataFrame, condition: pl.Expr, column: str,
                        message: pl.Expr) -> None:
        self._problems_among(frame, [(condition, column, message)])

    def _problems_among(self, frame: pl.DataFrame,
                        checks: list[tuple[pl.Expr, str, pl.Expr]]) -> None:
        """Add a problem for each row meeting a check's condition, in row order.

        All the conditions are tested in one pass; only a check some row fails builds
        its messages, so a clean batch costs one scan.
        """
        if self.stopped or not checks:
            return
        failing = frame.select(
            condition.fill_null(False).any().alias(str(position))
            for position, (condition, _column, _message) in enumerate(checks)).row(0)
        found = [frame.filter(condition).select(
            "row", pl.lit(self._label(column)).alias("column"), message.alias("message"))
            for (condition, column, message), fails in zip(checks, failing, strict=True)
            if fails]
        if found:
            rows = pl.concat(found).sort("row", maintain_order=True).head(
                MAX_ERRORS - len(self.problems))
            self.problems += [Problem(row, column, text) for row, column, text in
                              rows.iter_rows()]

    def _problems_once(self, frame: pl.DataFrame, condition: pl.Expr, column: str,
                       value: str, message: Callable[[str, int], str]) -> None:
        """Report each distinct wrong value once, at its first row, with how many rows."""
        if self.stopped:
            return
        found = (frame.filter(condition).group_by(value, maintain_order=True)
                 .agg(pl.col("row").first(), pl.len().alias("rows"))
                 .head(MAX_ERRORS - len(self.problems)))
        self.problems += [Problem(row, self._label(column), message(text, rows))
                          for text, row, rows in found.iter_rows()]

    def _numbers(self, frame: pl.DataFrame) -> pl.DataFrame:
        parsed = {name: pl.col(name).cast(pl.Float64, strict=False) for name in MEASURES}
        checked = frame.with_columns(**{f"{name}_number": expression
                                        for name, expression in parsed.items()})
        checks = []
        for name in MEASURES:
            text, number = pl.col(name), pl.col(f"{name}_number")
            checks += [
                (text.is_not_null() & number.is_null(), name,
                 pl.format("'{}' is not a number.", text)),
                (number.is_nan() | number.is_infinite(), name,
                 pl.format("'{}' is not a finite number.", text)),
            ]
        checks += [(pl.col(f"{name}_number") < 0, name,
                    pl.format(f"a {name} cannot be negative ('{{}}').", pl.col(name)))
                   for name in ("count", "denominator")]
        self._problems_among(checked, checks)
        # Adding 0.0 turns -0.0 into 0.0, which databases store, so re-imports compare equal.
        return checked.with_columns(
            **{name: pl.when(pl.col(f"{name}_number").is_finite())
               .then(pl.col(f"{name}_number") + 0.0) for name in MEASURES}
        ).drop([f"{name}_number" for name in MEASURES])

    def _refuse_formulae(self, frame: pl.DataFrame) -> pl.DataFrame:
        self._problems_among(frame, [
            (pl.col(name).str.contains(FORMULA_START), name,
             pl.format("'{}' starts like a spreadsheet formula (=, +, -, @); Trustboard "
                       "refuses such text so that no export can run it.",
                       pl.col(name).str.slice(0, 40)))
            for name in _TEXT_CHECKED])
        return frame

    # -- resolving names to rows ------------------------------------------------------------

    def _indicators(self, frame: pl.DataFrame) -> pl.DataFrame:
        self._problems_where(frame, pl.col("indicator").is_null(), "indicator",
                             pl.lit("the indicator is missing."))
        if self.source.format == FINGERTIPS_FORMAT:
            return self._fingertips_indicators(frame)
        return self._tidy_indicators(frame)

    def _fingertips_indicators(self, frame: pl.DataFrame) -> pl.DataFrame:
        frame = frame.with_columns(
            pl.col("indicator").str.strip_chars().cast(pl.Int64, strict=False).alias("source_id"))
        self._problems_once(
            frame, pl.col("indicator").is_not_null() & pl.col("source_id").is_null(),
            "indicator", "indicator",
            lambda text, rows: f"'{text}' is not a Fingertips indicator id (a whole number).")
        ids = frame["source_id"].drop_nulls().unique().sort().to_list()
        unknown = [str(i) for i in ids if str(i) not in self.catalogue.by_fingertips_id]
        if unknown and self.create_indicators:
            self._indicators_create(frame.filter(pl.col("source_id").is_in(
                [int(i) for i in unknown])))
        elif unknown:
            self._problems_once(
                frame, pl.col("source_id").cast(pl.String).is_in(unknown), "indicator",
                "source_id",
                lambda value, rows: (
                    f"indicator {value} is not in Trustboard. Add it first, or import the "
                    f"file again choosing to add the Fingertips indicators it names."))
        mapping = self.catalogue.by_fingertips_id
        return frame.with_columns(
            pl.col("source_id").cast(pl.String)
            .replace_strict(list(mapping), list(mapping.values()), default=None,
                            return_dtype=pl.Int64).alias("indicator_id"))

    def _tidy_indicators(self, frame: pl.DataFrame) -> pl.DataFrame:
        found: dict[str, int] = {}
        for text in frame["indicator"].drop_nulls().unique().to_list():
            matches = self.catalogue.by_source_id.get(text) or self.catalogue.by_name.get(
                _name_key(text)) or []
            if len(matches) == 1:
                found[text] = matches[0]
            elif len(matches) > 1:
                names = "; ".join(self.catalogue.indicators[pk].name for pk in matches)
                self._problems_once(
                    frame, pl.col("indicator") == text, "indicator", "indicator",
                    lambda value, rows, names=names: (
                        f"'{value}' could be any of {names}: use the indicator's source id."))
        self._problems_once(
            frame, pl.col("indicator").is_not_null() & ~pl.col("indicator").is_in(list(found))
            & ~pl.col("indicator").is_in(list(self.catalogue.by_name) + list(
                self.catalogue.by_source_id)),
            "indicator", "indicator",
            lambda value, rows: (f"'{value}' is not an indicator's source id or name in "
                                 f"Trustboard; add the indicator first."))
        return frame.with_columns(
            pl.col("indicator").replace_strict(list(found), list(found.values()), default=None,
                                               return_dtype=pl.Int64).alias("indicator_id"))

    def _indicators_create(self, rows: pl.DataFrame) -> None:
        """Add Fingertips indicators from their rows: the name, and what the figures show."""
        headline = (pl.col("category_type") == "") & (pl.col("category") == "")
        count, denominator, value = pl.col("count"), pl.col("denominator"), pl.col("value")
        stats = rows.group_by("source_id").agg(
            name=pl.col("indicator_name").drop_nulls().first(),
            ratio=(value * denominator / count).filter(
                (count > 0) & (denominator > 0) & (value > 0)).median(),
            has_counts=count.is_not_null().any(),
            count_within=(count <= denominator).all(),
            period=pl.col("period").drop_nulls().first(),
            persons_age=pl.col("age").filter(headline & (pl.col("sex") == "Persons"))
            .mode().sort().first(),
            headline_sex=pl.col("sex").filter(headline).mode().sort().first(),
            any_age=pl.col("age").mode().sort().first(),
        ).sort("source_id")
        new = []
        for row in stats.iter_rows(named=True):
            source_id = str(row["source_id"])
            name = " ".join((row["name"] or f"Fingertips indicator {source_id}").split())
            multiplier = _multiplier_from(row["ratio"])
            value_type = self.value_type or (
                ValueType.MEAN if not row["has_counts"] else
                ValueType.PROPORTION if multiplier == 100 and row["count_within"] else
                ValueType.CRUDE_RATE)
            persons = row["persons_age"] is not None
            new.append(Indicator(
                name=name[:300], source=FINGERTIPS, source_id=source_id,
                polarity=self.polarity, value_type=value_type, multiplier=multiplier,
                frequency=_inferred_frequency(row["period"] or ""),
                sex="Persons" if persons else row["headline_sex"] or "Persons",
                age=(row["persons_age"] if persons else row["any_age"]) or "All ages",
                unit=f"per {multiplier:,}" if multiplier > 1 else ""))
        with self.writer.using_connection():
            created = indicators_create(indicators=new, by=self.by)
        for indicator in created:
            self.catalogue.indicators[indicator.pk] = indicator
            self.catalogue.by_fingertips_id[indicator.source_id] = indicator.pk
            self.catalogue.existing[indicator.pk] = self.writer.existing(indicator.pk,
                                                                         created_now=True)

    def _areas(self, frame: pl.DataFrame) -> pl.DataFrame:
        areas = self.catalogue.areas
        frame = frame.with_columns(
            pl.col("area_code").str.strip_chars()
            .replace_strict(list(areas), list(areas.values()), default=None,
                            return_dtype=pl.Int64).alias("area_id"))
        self._problems_where(frame, pl.col("area_code").is_null(), "area_code",
                             pl.lit("the area code is missing."))
        self._problems_once(
            frame, pl.col("area_code").is_not_null() & pl.col("area_id").is_null(),
            "area_code", "area_code",
            lambda code, rows: (
                f"'{code}' is not an area code Trustboard knows"
                + (f" ({rows} rows)" if rows > 1 else "")
                + ". Areas are GSS codes (E10000024); run `trustboard load-areas`, or add "
                  "the locality first."))
        return frame

    def _periods(self, frame: pl.DataFrame) -> pl.DataFrame:
        self._problems_where(frame, pl.col("period").is_null(), "period",
                             pl.lit("the period is missing."))
        pairs = frame.filter(pl.col("period").is_not_null() & pl.col("indicator_id").is_not_null()
                             ).select("indicator_id", "period").unique()
        ids, wrong = [], {}
        to_create: list[Period] = []
        parsed_of: list[tuple[int, str, tuple[str, date, date] | None]] = []
        for indicator_id, label in pairs.iter_rows():
            indicator = self.catalogue.indicators[indicator_id]
            try:
                parsed = _period_parsed(label,
                                        indicator.frequency == Frequency.ACADEMIC_YEAR)
            except PeriodError as error:
                wrong[label] = error.args[0]
                parsed_of.append((indicator_id, label, None))
                continue
            if len(parsed.label) > _MAX_LENGTH["period"]:
                wrong[label] = f"'{label}' is longer than {_MAX_LENGTH['period']} characters."
                parsed_of.append((indicator_id, label, None))
                continue
            key = (parsed.label, parsed.start, parsed.end)
            if key not in self.catalogue.periods and key not in {
                    (p.label, p.start, p.end) for p in to_create}:
                to_create.append(Period(label=parsed.label, start=parsed.start, end=parsed.end))
            parsed_of.append((indicator_id, label, key))
        if to_create:
            with self.writer.using_connection():
                Period.objects.bulk_create(to_create)
                self.catalogue.periods.update(
                    {(p.label, p.start, p.end): p.pk for p in Period.objects.filter(
                        label__in=[p.label for p in to_create])})
        for indicator_id, label, key in parsed_of:
            ids.append((indicator_id, label, self.catalogue.periods[key] if key else None))
        if wrong:
            self._problems_once(frame, pl.col("period").is_in(list(wrong)), "period", "period",
                                lambda label, rows: wrong[label])
        known = {f"{indicator_id}\x1f{label}": pk for indicator_id, label, pk in ids}
        return frame.with_columns(
            pl.concat_str([pl.col("indicator_id").cast(pl.String), "period"], separator="\x1f")
            .replace_strict(list(known), list(known.values()), default=None,
                            return_dtype=pl.Int64).alias("period_id"))

    def _breakdowns(self, frame: pl.DataFrame) -> pl.DataFrame:
        distinct = frame.select(BREAKDOWN).unique()
        for name in BREAKDOWN:
            if (distinct[name].str.len_chars() > _MAX_LENGTH[name]).any():
                self._problems_once(
                    frame, pl.col(name).str.len_chars() > _MAX_LENGTH[name], name, name,
                    lambda text, rows, name=name: (
                        f"'{text[:40]}...' is longer than {_MAX_LENGTH[name]} characters."))
        new = [Breakdown(sex=sex, age=age, category_type=kind, category=category)
               for sex, age, kind, category in distinct.iter_rows()
               if (sex, age, kind, category) not in self.catalogue.breakdowns
               and len(sex) <= 40 and len(age) <= 60 and len(kind) <= 200
               and len(category) <= 200]
        if new:
            with self.writer.using_connection():
                Breakdown.objects.bulk_create(new)
                for values in Breakdown.objects.values_list("pk", *BREAKDOWN):
                    self.catalogue.breakdowns[tuple(values[1:])] = values[0]
        known = {"\x1f".join(key): pk for key, pk in self.catalogue.breakdowns.items()}
        return frame.with_columns(
            pl.concat_str(BREAKDOWN, separator="\x1f")
            .replace_strict(list(known), list(known.values()), default=None,
                            return_dtype=pl.Int64).alias("breakdown_id"))

    # -- figures ----------------------------------------------------------------------------

    def _limits_checked(self, frame: pl.DataFrame) -> pl.DataFrame:
        checks = []
        for level in ("95", "998"):
            lower, upper = pl.col(f"lower{level}"), pl.col(f"upper{level}")
            checks.append((
                lower > upper, f"lower{level}",
                pl.format(f"the lower {'95%' if level == '95' else '99.8%'} limit {{}} is "
                          f"above the upper limit {{}}.", lower, upper)))
        proportions = [pk for pk, indicator in self.catalogue.indicators.items()
                       if indicator.value_type == ValueType.PROPORTION]
        checks.append((
            pl.col("indicator_id").is_in(proportions) & (pl.col("count") > pl.col("denominator")),
            "count",
            pl.format("the count {} is more than the denominator {}, which a proportion "
                      "cannot be.", pl.col("count"), pl.col("denominator"))))
        self._problems_among(frame, checks)
        return frame

    def _limits_computed(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Fill in limits a row lacks from its count and denominator, with the engine."""
        limits = ["lower95", "upper95", "lower998", "upper998"]
        has_published = pl.any_horizontal(pl.col(limits).is_not_null())
        kinds = {pk: (indicator.value_type, indicator.multiplier)
                 for pk, indicator in self.catalogue.indicators.items()
                 if indicator.value_type in (ValueType.PROPORTION, ValueType.CRUDE_RATE)}
        computable = (pl.col("indicator_id").is_in(list(kinds)) & ~has_published
                      & pl.col("value").is_not_null() & pl.col("count").is_not_null()
                      & pl.col("denominator").is_not_null() & (pl.col("denominator") > 0))
        frame = frame.with_columns(
            pl.when(has_published).then(pl.lit(LimitsSource.PUBLISHED.value))
            .otherwise(pl.lit(LimitsSource.NONE.value)).alias("limits_source"),
            computable.alias("computable"))
        if not frame["computable"].any():
            return frame.drop("computable")
        parts = [frame.filter(~pl.col("computable"))]
        for (kind_and_scale,), group in frame.filter(pl.col("computable")).with_columns(
                pl.col("indicator_id").replace_strict(
                    list(kinds), [f"{kind}|{scale}" for kind, scale in kinds.values()],
                    default=None, return_dtype=pl.String).alias("kind")).group_by("kind"):
            kind, scale = str(kind_and_scale).split("|")
            method = proportion_ci if kind == ValueType.PROPORTION else rate_ci
            count, denominator = group["count"].to_numpy(), group["denominator"].to_numpy()
            computed = {}
            for level, confidence in (("95", 0.95), ("998", 0.998)):
                interval = method(count, denominator, confidence=confidence,
                                  multiplier=float(scale))
                computed[f"lower{level}"] = pl.Series(np.asarray(interval.lower),
                                                      nan_to_null=True)
                computed[f"upper{level}"] = pl.Series(np.asarray(interval.upper),
                                                      nan_to_null=True)
            parts.append(group.drop("kind").with_columns(**computed).with_columns(
                limits_source=pl.when(pl.col("lower95").is_not_null())
                .then(pl.lit(LimitsSource.COMPUTED.value))
                .otherwise(pl.lit(LimitsSource.NONE.value))))
        return pl.concat(parts, how="vertical_relaxed").sort("row").drop("computable")

    def _repeats(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Refuse a key given twice; a Fingertips file may repeat a row with the same figures
        (it lists England once per parent), and the repeat is read once.

        Keys already read are remembered as 64-bit hashes in one sorted array (8 bytes a
        row), which a batch is looked up in by binary search and merged into. Two different
        keys sharing a hash (about one chance in 10^7 for a file of a million rows) would
        be refused as a repeat, never written over each other.
        """
        keyed = frame.filter(pl.all_horizontal(pl.col(KEY).is_not_null()))
        batch = keyed.select("row", "figures", pl.struct(KEY).hash(seed=7).alias("key"))
        keys = batch["key"].to_numpy()
        seen = self.seen_keys
        at = np.searchsorted(seen, keys)
        earlier = seen[np.minimum(at, len(seen) - 1)] == keys if len(seen) else \
            np.zeros(len(keys), dtype=bool)
        found = []
        if earlier.any():
            hits = batch.filter(pl.Series(earlier))
            first = (pl.concat(self.seen_rows).join(hits.select("key"), on="key", how="semi")
                     .select("key", pl.col("row").alias("first"),
                             pl.col("figures").alias("first_figures")))
            found.append(hits.join(first, on="key"))
        repeated_here = batch.select(pl.col("key").is_duplicated()).to_series()
        if repeated_here.any():
            within = batch.filter(repeated_here).with_columns(
                pl.col("row").first().over("key").alias("first"),
                pl.col("figures").first().over("key").alias("first_figures"))
            found.append(within.filter(pl.col("row") != pl.col("first")))
        repeats = pl.concat(found) if found else None
        new = batch if repeats is None else batch.filter(
            ~pl.col("row").is_in(repeats["row"].implode()))
        # Both runs are sorted, so the stable sort merges them in one pass.
        self.seen_keys = np.sort(np.concatenate([seen, np.sort(new["key"].to_numpy())]),
                                 kind="stable")
        self.seen_rows.append(new.select("key", "row", "figures"))
        if repeats is None or repeats.height == 0:
            return keyed
        same_allowed = self.source.format == FINGERTIPS_FORMAT
        conflicting = repeats.filter(pl.col("figures") != pl.col("first_figures")) \
            if same_allowed else repeats
        if conflicting.height and not self.stopped:
            label = "the indicator, area, period, sex, age and category of line {first}"
            message = (f"repeats {label} with different figures." if same_allowed else
                       f"repeats {label}; give each once.")
            self.problems += [Problem(row, None, message, first)
                              for row, first in conflicting.sort("row").select("row", "first")
                              .head(MAX_ERRORS - len(self.problems)).iter_rows()]
        return keyed.filter(~pl.col("row").is_in(repeats["row"].implode()))

    # -- writing ----------------------------------------------------------------------------

    def _write(self, frame: pl.DataFrame) -> None:
        for indicator_id in frame["indicator_id"].unique().to_list():
            if indicator_id not in self.catalogue.existing:
                with self.writer.using_connection():
                    self.catalogue.existing[indicator_id] = self.writer.existing(indicator_id)
        held = pl.concat([self.catalogue.existing[i] for i in frame["indicator_id"].unique()])
        joined = frame.join(held, on=KEY, how="left", maintain_order="left")
        new = joined.filter(pl.col("id").is_null())
        changed = joined.filter(pl.col("id").is_not_null()
                                & (pl.col("figures") != pl.col("held_figures")))
        self.counts.created += new.height
        self.counts.updated += changed.height
        self.counts.unchanged += joined.height - new.height - changed.height
        self.writer.insert(new.sort(KEY))
        if changed.height:
            with self.writer.using_connection():
                self.writer.update(changed, by=self.by, now=self.now)

    def _refuse(self, extra: list[ImportRowError | Problem] | None = None) -> None:
        problems = self.problems + [item for item in extra or [] if isinstance(item, Problem)]
        rows = {p.row for p in problems if p.row is not None} | {
            p.first for p in problems if p.first is not None}
        lines = self.source.lines(rows) if rows else {}
        errors = []
        for problem in problems:
            problem.line = problem.line or lines.get(problem.row)
        for problem in sorted(problems, key=lambda p: p.line or 0):
            line = problem.line
            message = problem.message
            if problem.first is not None:
                message = message.replace("{first}", str(lines.get(problem.first, "?")))
            errors.append(ImportRowError(message, row=line, column=problem.column))
        errors += [item for item in extra or [] if isinstance(item, ImportRowError)]
        raise ImportFileError(errors, source=self.source.name,
                              stopped_early=len(errors) >= MAX_ERRORS)


def _row_major(frame: pl.DataFrame) -> list:
    """Return the frame's values row after row in one flat list, as a statement binds them."""
    width = frame.width
    flat: list = [None] * (frame.height * width)
    for position, name in enumerate(frame.columns):
        flat[position::width] = frame[name].to_list()
    return flat


def _binary_copy(frame: pl.DataFrame) -> bytes:
    """The frame in PostgreSQL's binary COPY format: the server stores numbers as they
    come, where from CSV it parses each one (half the server's time for our rows)."""
    # Imported here: it loads pyarrow, which only a PostgreSQL import needs, not every
    # process that imports this module (the web workers, SQLite installations).
    import pgpq

    batch = frame.to_arrow()
    encoder = pgpq.ArrowToPostgresBinaryEncoder(batch.schema)
    payload = bytearray(encoder.write_header())
    for part in batch.to_batches():
        payload += encoder.write_batch(part)
    payload += encoder.finish()
    return bytes(payload)


def _figures_hash() -> pl.Expr:
    return pl.struct(COMPARED).hash(seed=20250101)


@functools.lru_cache(maxsize=4096)
def _period_parsed(label: str, academic: bool) -> ParsedPeriod:
    return period_parse(label, academic=academic)


def _multiplier_from(ratio: float | None) -> int:
    """The power of ten nearest the median of value x denominator / count."""
    if ratio is None or not np.isfinite(ratio) or ratio <= 0:
        return 1
    return int(10 ** max(0, round(float(np.log10(ratio)))))


def _inferred_frequency(label: str) -> str:
    try:
        parsed = period_parse(label)
    except PeriodError:
        return Frequency.OTHER
    if parsed.range == "1q":
        return Frequency.QUARTERLY
    if parsed.range == "1m":
        return Frequency.MONTHLY
    return Frequency.FINANCIAL_YEAR if re.search(r"\d{4}[/-]\d{2}", label) else \
        Frequency.CALENDAR_YEAR


# --- the database side ---------------------------------------------------------------------


class _Writer:
    """Bulk reads and writes of data points through the transaction's own connection."""

    columns = [*KEY, *COMPARED]

    def __init__(self, *, provenance_id: int, rows_expected: int = 0):
        self.provenance_id = provenance_id
        self.rows_expected = rows_expected
        self.table = connection.ops.quote_name(DataPoint._meta.db_table)
        self.staging = connection.ops.quote_name(f"trustboard_import_{int(provenance_id)}")
        self.staged = 0
        # PostgreSQL: the foreign keys dropped (added back at the end), whether dropping
        # them was tried already, and the table the copies go to.
        self.keys_dropped: list[tuple[str, str]] = []
        self.keys_tried = False
        self.copy_target = self.staging
        self.names = {name: connection.ops.quote_name(DataPoint._meta.get_field(
            name.removesuffix("_id")).column) for name in ["id", *self.columns]}
        self.is_postgresql = connection.vendor == "postgresql"
        # Inserts (SQLite) and copies (PostgreSQL) run on a thread of their own, on the
        # transaction's connection, so the next batch is checked while this one is
        # written. `lock` is held while either thread uses the connection; `jobs` holds at
        # most one batch waiting.
        self.lock = threading.Lock()
        # Set while the importing thread waits for the connection: the writer lets it in
        # between two pieces of a batch rather than after the whole batch.
        self.wanted = threading.Event()
        self.jobs: queue.Queue = queue.Queue(maxsize=1)
        self.thread: threading.Thread | None = None
        self.failure: BaseException | None = None

    @contextlib.contextmanager
    def using_connection(self) -> Iterator[None]:
        """Hold the connection for this thread's own queries between the writer's pieces."""
        self.wanted.set()
        with self.lock:
            self.wanted.clear()
            self._raise_failure()
            yield

    def finish(self) -> None:
        """Wait for every batch handed over to be written; raise what stopped the writer."""
        if self.thread is not None:
            self.jobs.put(None)
            self.thread.join()
            self.thread = None
        self._raise_failure()
        if self.staged:
            self._move_staged()
        if self.keys_dropped:
            self._keys_added_back()

    def abandon(self) -> None:
        """Stop the writer without writing what waits (the transaction is being undone)."""
        if self.thread is None:
            return
        while True:
            try:
                self.jobs.get_nowait()
            except queue.Empty:
                break
        self.jobs.put(None)
        self.thread.join()
        self.thread = None

    def _raise_failure(self) -> None:
        if self.failure is not None:
            raise self.failure

    def existing(self, indicator_id: int, *, created_now: bool = False) -> pl.DataFrame:
        """The indicator's rows held now: key, id and the hash of what a re-import compares
        (none, without a query, for an indicator this import created)."""
        rows = []
        if not created_now:
            selected = ", ".join(self.names[name] for name in ["id", *KEY[1:], *COMPARED])
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {selected} FROM {self.table} WHERE "
                               f"{self.names['indicator_id']} = %s", [indicator_id])
                rows = cursor.fetchall()
        schema = {"id": pl.Int64, **dict.fromkeys(KEY[1:], pl.Int64),
                  **dict.fromkeys(MEASURES, pl.Float64), "value_note": pl.String,
                  "limits_source": pl.String}
        frame = pl.DataFrame(rows, schema=schema, orient="row")
        return frame.select(
            pl.lit(indicator_id, dtype=pl.Int64).alias("indicator_id"), *KEY[1:], "id",
            _figures_hash().alias("held_figures"))

    def insert(self, frame: pl.DataFrame) -> None:
        """Hand new rows to the writer thread: on SQLite it inserts them; on PostgreSQL it
        copies them (`_copy_rows`), encoded here in pieces of COPY_PIECE_ROWS, so that the
        writer only sends (it is the slower of the two threads)."""
        if frame.height == 0:
            return
        data = frame.select(self.columns)
        names = ", ".join([*(self.names[name] for name in self.columns),
                           connection.ops.quote_name("provenance_id")])
        self._raise_failure()
        if self.thread is None:
            connection.ensure_connection()
            if self.is_postgresql:
                self._copy_target_chosen(names)
            writer = self._copy_rows if self.is_postgresql else self._write_rows
            self.thread = threading.Thread(
                target=writer, args=(connection.connection, names), daemon=True)
            self.thread.start()
        if self.is_postgresql:
            if self.copy_target == self.staging:
                self.staged += frame.height
            rows = data.with_columns(provenance=pl.lit(self.provenance_id)).cast(COPY_TYPES)
            data = [_binary_copy(rows.slice(start, COPY_PIECE_ROWS))
                    for start in range(0, rows.height, COPY_PIECE_ROWS)]
        self.jobs.put(data)

    def _copy_target_chosen(self, names: str) -> None:
        """Choose where the copies go (PostgreSQL): straight into the data point table, its
        foreign keys dropped until the end, for an import expected to be large whose tables
        could be locked; otherwise a temporary table moved in at the end."""
        with connection.cursor() as cursor:
            if self.rows_expected >= KEYS_CHECKED_AT_ONCE_ROWS:
                self.keys_dropped = self._keys_dropped_now(cursor)
                if self.keys_dropped:
                    self.copy_target = self.table
                    return
            # Columns and types of the data point table, with no constraint, index or
            # trigger; gone when the import's transaction ends.
            cursor.execute(f"CREATE TEMPORARY TABLE {self.staging} ON COMMIT DROP AS "
                           f"SELECT {names} FROM {self.table} WITH NO DATA")

    def _keys_dropped_now(self, cursor) -> list[tuple[str, str]]:
        """Drop the data point table's foreign keys if its tables can be locked within
        KEYS_LOCK_TIMEOUT; return the keys dropped (none if they could not be).

        Dropping them locks the data point table and the tables it refers to until the
        import commits (readers wait)."""
        self.keys_tried = True
        keys = self._foreign_keys(cursor)
        # A table with checks still waiting for the commit cannot be altered: run them now
        # (the indicators, periods and breakdowns this import created), then back to
        # Django's way, every key checked when the transaction commits.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        dropped = self._keys_dropped(cursor, keys)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return keys if dropped else []

    @property
    def keys_checked_at_once(self) -> bool:
        """Whether the foreign keys were dropped, so each is checked with one query."""
        return bool(self.keys_dropped)

    def _keys_added_back(self) -> None:
        """Add the dropped foreign keys back as they were: PostgreSQL checks each over the
        whole table with one query."""
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {self.table} " + ", ".join(
                f"ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
                for name, definition in self.keys_dropped))
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def _copy_rows(self, raw_connection, names: str) -> None:
        """The writer thread on PostgreSQL: COPY the pieces of each batch handed over into
        their table (`copy_target`), while the importing thread checks the next batch."""
        copy_in = f"COPY {self.copy_target} ({names}) FROM STDIN (FORMAT binary)"
        cursor = raw_connection.cursor()
        while (data := self.jobs.get()) is not None:
            if self.failure is not None:
                continue
            try:
                for payload in data:
                    with self.lock, cursor.copy(copy_in) as copy:
                        copy.write(payload)
                    self._let_in()
            except BaseException as error:  # raised again on the importing thread
                self.failure = error
        cursor.close()

    def _let_in(self) -> None:
        """Between two pieces: if the importing thread waits for the connection, give it
        a moment to take the lock (a lock released is not handed to the waiter first)."""
        if self.wanted.is_set():
            time.sleep(0.001)

    def _move_staged(self) -> None:
        """Move the staged rows into the data point table in one statement (PostgreSQL).

        Moving KEYS_CHECKED_AT_ONCE_ROWS rows or more (an import larger than it looked at
        first), the foreign keys are dropped for the move and added back (`finish`), unless
        that was tried already and the tables could not be locked: then the keys are checked
        row by row.
        """
        names = ", ".join([*(self.names[name] for name in self.columns),
                           connection.ops.quote_name("provenance_id")])
        with connection.cursor() as cursor:
            if self.staged >= KEYS_CHECKED_AT_ONCE_ROWS and not self.keys_tried:
                self.keys_dropped = self._keys_dropped_now(cursor)
            cursor.execute(f"INSERT INTO {self.table} ({names}) SELECT {names} "
                           f"FROM {self.staging}")
            cursor.execute(f"DROP TABLE {self.staging}")
        self.staged = 0

    def _foreign_keys(self, cursor) -> list[tuple[str, str]]:
        """The data point table's foreign keys: name and definition, as the database has
        them."""
        cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                       [DataPoint._meta.db_table])
        return cursor.fetchall()

    def _keys_dropped(self, cursor, keys: list[tuple[str, str]]) -> bool:
        """Drop the foreign keys if their tables can be locked within KEYS_LOCK_TIMEOUT;
        say whether they were."""
        try:
            with transaction.atomic():
                cursor.execute(f"SET LOCAL lock_timeout = '{KEYS_LOCK_TIMEOUT}'")
                cursor.execute(f"ALTER TABLE {self.table} " + ", ".join(
                    f"DROP CONSTRAINT {connection.ops.quote_name(name)}" for name, _ in keys))
                cursor.execute("SET LOCAL lock_timeout = DEFAULT")
        except OperationalError:  # the lock waited too long, or a deadlock was broken
            return False
        return True

    def _write_rows(self, raw_connection, names: str) -> None:
        """The writer thread: insert each batch handed over, ten thousand rows at a time."""
        # Many rows to a statement and the provenance (an integer of ours) written into it:
        # a third less time than one row to a statement (measured on SQLite 3.40).
        row = f"({', '.join(['?'] * len(self.columns))}, {int(self.provenance_id)})"
        insert = f"INSERT INTO {self.table} ({names}) VALUES "
        many = insert + ", ".join([row] * ROWS_PER_STATEMENT)
        width = len(self.columns)
        step = ROWS_PER_STATEMENT * width
        cursor = raw_connection.cursor()
        while (data := self.jobs.get()) is not None:
            if self.failure is not None:
                continue
            try:
                for start in range(0, data.height, 10_000):
                    flat = _row_major(data.slice(start, 10_000))
                    whole = len(flat) // step * step
                    with self.lock:
                        if whole:
                            cursor.executemany(many, [flat[i:i + step]
                                                      for i in range(0, whole, step)])
                        if whole < len(flat):
                            cursor.executemany(insert + row, [
                                flat[i:i + width] for i in range(whole, len(flat), width)])
            except BaseException as error:  # raised again on the importing thread
                self.failure = error
        cursor.close()

    def update(self, changed: pl.DataFrame, *, by, now) -> None:
        """Write new figures over changed rows and keep the history of both states.

        Data points get no history row when first imported (their import says who and
        when); the first time one changes, its first state is written to history too, dated
        and signed by the import that brought it, so the history stays complete.
        """
        ids = changed["id"].to_list()
        first_states = []
        historical = DataPoint.history.model
        for start in range(0, len(ids), 10_000):
            chunk = ids[start:start + 10_000]
            with_history = set(historical.objects.filter(id__in=chunk).values_list(
                "id", flat=True).distinct())
            for point in DataPoint.objects.filter(pk__in=[i for i in chunk
                                                          if i not in with_history]
                                                  ).select_related("provenance"):
                point._history_date = point.provenance.at if point.provenance else now
                point._history_user = point.provenance.by if point.provenance else None
                first_states.append(point)
        if first_states:
            DataPoint.history.bulk_history_create(first_states, default_date=now)
        assignments = ", ".join(f"{self.names[name]} = %s" for name in COMPARED)
        sql = (f"UPDATE {self.table} SET {assignments}, "
               f"{connection.ops.quote_name('provenance_id')} = {int(self.provenance_id)} "
               f"WHERE {self.names['id']} = %s")
        with connection.cursor() as cursor:
            cursor.executemany(sql, changed.select(*COMPARED, "id").rows())
        new_states = [DataPoint(provenance_id=self.provenance_id, **values)
                      for values in changed.select("id", *KEY, *COMPARED).iter_rows(named=True)]
        DataPoint.history.bulk_history_create(new_states, update=True, default_user=by,
                                              default_date=now)
