"""Write data points back out in the formats they are imported in.

A Fingertips file imported and exported again gives the same values, limits, counts,
denominators and notes (England once, where the national site lists it once per parent).
The columns Trustboard does not keep are written again from what it knows: names, area
types, the sortable period and its range, and the comparison with England, which the
statistics engine makes by the national profiles' rule. Text that a spreadsheet would run
as a formula is written with a leading apostrophe (docs/indicators-import.md).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import polars as pl

from trustboard.performance.disclosure import hide_points, suppressed_point_ids
from trustboard.performance.engine import compare_with_benchmark
from trustboard.performance.imports import (
    FINGERTIPS_FORMAT,
    FORMATS,
    FORMULA_START,
    TIDY_COLUMNS,
    TIDY_FORMAT,
)
from trustboard.performance.models import (
    ENGLAND_CODE,
    AreaKind,
    DataPoint,
    Indicator,
    Polarity,
)
from trustboard.performance.periods import PeriodError, period_parse
from trustboard.performance.sample_files import FINGERTIPS_HEADER

AREA_TYPES = {
    AreaKind.ENGLAND: "England",
    AreaKind.REGION: "Region",
    AreaKind.UPPER_TIER: "Counties & UAs (from Apr 2023)",
    AreaKind.DISTRICT: "Districts & UAs (from Apr 2023)",
    AreaKind.LOCALITY: "Locality",
}
_COMPARED = {"better": "Better", "similar": "Similar", "worse": "Worse", "higher": "Higher",
             "lower": "Lower", "not compared": "Not compared"}
_FIELDS = {
    "area_code": "area__code", "area_name": "area__name", "area_kind": "area__kind",
    "period": "period__label", "period_start": "period__start",
    "sex": "breakdown__sex", "age": "breakdown__age",
    "category_type": "breakdown__category_type", "category": "breakdown__category",
    "value": "value", "lower95": "lower95", "upper95": "upper95", "lower998": "lower998",
    "upper998": "upper998", "count": "count", "denominator": "denominator",
    "value_note": "value_note",
}
EXPORT_SCHEMA = _SCHEMA = {
    **dict.fromkeys(["area_code", "area_name", "area_kind", "period"], pl.String),
    "period_start": pl.Date,
    **dict.fromkeys(["sex", "age", "category_type", "category"], pl.String),
    **dict.fromkeys(["value", "lower95", "upper95", "lower998", "upper998", "count",
                     "denominator"], pl.Float64),
    "value_note": pl.String,
}


class ExportError(ValueError):
    """An export asked for in a way that cannot be written; the message says why."""


def data_export(*, output: Path | str | IO[bytes], format: str,
                indicators: list[Indicator] | None = None, area_code: str | None = None,
                public: bool = False) -> int:
    """Write the data points of `indicators` (default: all), for one area if given, to
    `output` as a Fingertips or tidy CSV (tidy as XLSX when `output` ends in .xlsx).
    Return the number of rows written. One query per indicator; memory holds one
    indicator's rows at a time. `public=True` (open data) writes only the values approved
    for publication (selectors.published_points), with small counts suppressed
    (performance.disclosure)."""
    if format not in FORMATS:
        raise ExportError(f"'{format}' is not a format: use fingertips or tidy.")
    chosen = indicators if indicators is not None else list(Indicator.objects.order_by("pk"))
    frames = (_indicator_frame(indicator, area_code=area_code, format=format, public=public)
              for indicator in chosen)
    if isinstance(output, str | Path) and str(output).lower().endswith(".xlsx"):
        if format != TIDY_FORMAT:
            raise ExportError("Fingertips files are CSV; write the tidy format as .xlsx.")
        return _write_xlsx(Path(output), frames)
    if isinstance(output, str | Path):
        with Path(output).open("wb") as file:
            return _write_csv(file, frames, format=format)
    return _write_csv(output, frames, format=format)


def fingertips_frame(indicator: Indicator, *, public: bool = False) -> pl.DataFrame:
    """One indicator's data points as the rows of a Fingertips file (its 27 columns, England
    once), as `data_export` writes them; `public=True` keeps only the published values,
    small counts suppressed. The Fingertips-compatible API (api/fingertips/) shapes its
    answers from this frame."""
    return _indicator_frame(indicator, area_code=None, format=FINGERTIPS_FORMAT, public=public)


def _write_csv(file: IO[bytes], frames: Iterator[pl.DataFrame], *, format: str) -> int:
    header = FINGERTIPS_HEADER if format == FINGERTIPS_FORMAT else TIDY_COLUMNS
    file.write((",".join(header) + "\n").encode("utf-8"))
    written = 0
    for frame in frames:
        buffer = io.BytesIO()
        frame.write_csv(buffer, include_header=False)
        file.write(buffer.getvalue())
        written += frame.height
    return written


def _write_xlsx(path: Path, frames: Iterator[pl.DataFrame]) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(TIDY_COLUMNS)
    written = 0
    for frame in frames:
        for row in frame.iter_rows():
            sheet.append(list(row))
        written += frame.height
    book.save(path)
    return written


def _indicator_frame(indicator: Indicator, *, area_code: str | None,
                     format: str, public: bool = False) -> pl.DataFrame:
    from trustboard.performance.selectors import published_points

    points = DataPoint.objects.filter(indicator=indicator)
    hidden: set[int] = set()
    if public:
        points = published_points(points)
        # Judged over every area before narrowing to one, as the public pages judge it.
        hidden = suppressed_point_ids(points)
    if area_code is not None:
        # England comes too: the comparison needs its value.
        points = points.filter(area__code__in=[area_code, ENGLAND_CODE])
    rows = list(points.values_list("id", *_FIELDS.values()))
    frame = pl.DataFrame(rows, schema={"point_id": pl.Int64, **_SCHEMA}, orient="row")
    shaped = export_frame(hide_points(frame, hidden).drop("point_id", "suppressed"),
                          indicator=indicator, format=format)
    if area_code is not None:
        shaped = shaped.filter(pl.col("Area Code" if format == FINGERTIPS_FORMAT
                                      else "area_code") == area_code)
    return shaped


def export_frame(frame: pl.DataFrame, *, indicator: Indicator, format: str) -> pl.DataFrame:
    """Shape one indicator's points, a frame of EXPORT_SCHEMA's columns, as the rows of a
    Fingertips or tidy file, sorted as the export writes them. The open data downloads
    (trustboard.public.open_data) stream their chunks through it, so they write what the
    export writes. A Fingertips chunk holds whole periods: England's row is compared with."""
    frame = frame.sort("area_code", "period_start", "sex", "age", "category_type", "category")
    return _tidy(frame, indicator) if format == TIDY_FORMAT else _fingertips(frame, indicator)


def _tidy(frame: pl.DataFrame, indicator: Indicator) -> pl.DataFrame:
    name = indicator.source_id or indicator.name
    return frame.select(
        pl.lit(name).alias("indicator"), "area_code", "period", "value", _whole("count"),
        _whole("denominator"), "lower95", "upper95", "lower998", "upper998", "value_note", "sex",
        "age", "category_type", "category",
    ).with_columns(_neutralised(texts := ["indicator", "period", "value_note", "sex", "age",
                                          "category_type", "category"])).with_columns(
        pl.when(pl.col(name) != "").then(pl.col(name)).alias(name) for name in texts)


def _fingertips(frame: pl.DataFrame, indicator: Indicator) -> pl.DataFrame:
    periods = {}
    for label in frame["period"].unique().to_list():
        try:
            parsed = period_parse(label)
            periods[label] = (str(parsed.sortable), parsed.range)
        except PeriodError:
            periods[label] = (None, None)
    compared = _compared_with_england(frame, indicator)
    labels = list(periods)
    is_england = pl.col("area_code") == ENGLAND_CODE
    text = pl.lit(None, dtype=pl.String)
    shaped = frame.with_columns(compared).select(
        pl.lit(indicator.source_id or str(indicator.pk)).alias("Indicator ID"),
        pl.lit(indicator.name).alias("Indicator Name"),
        pl.when(~is_england).then(pl.lit(ENGLAND_CODE)).alias("Parent Code"),
        pl.when(~is_england).then(pl.lit("England")).alias("Parent Name"),
        pl.col("area_code").alias("Area Code"),
        pl.col("area_name").alias("Area Name"),
        pl.col("area_kind").replace_strict(
            [str(kind) for kind in AREA_TYPES], list(AREA_TYPES.values()), default=None,
            return_dtype=pl.String).alias("Area Type"),
        pl.col("sex").alias("Sex"),
        pl.col("age").alias("Age"),
        pl.col("category_type").alias("Category Type"),
        pl.col("category").alias("Category"),
        pl.col("period").alias("Time period"),
        pl.col("value").alias("Value"),
        pl.col("lower95").alias("Lower CI 95.0 limit"),
        pl.col("upper95").alias("Upper CI 95.0 limit"),
        pl.col("lower998").alias("Lower CI 99.8 limit"),
        pl.col("upper998").alias("Upper CI 99.8 limit"),
        _whole("count").alias("Count"),
        _whole("denominator").alias("Denominator"),
        pl.col("value_note").alias("Value note"),
        text.alias("Recent Trend"),
        pl.col("compared").alias("Compared to England value or percentiles"),
        pl.lit("Not compared").alias("Compared to percentiles"),
        pl.col("period").replace_strict(labels, [periods[label][0] for label in labels],
                                        default=None, return_dtype=pl.String)
        .alias("Time period Sortable"),
        text.alias("New data"),
        text.alias("Compared to goal"),
        pl.col("period").replace_strict(labels, [periods[label][1] for label in labels],
                                        default=None, return_dtype=pl.String)
        .alias("Time period range"),
    )
    texts = ["Indicator Name", "Parent Name", "Area Name", "Sex", "Age", "Category Type",
             "Category", "Time period", "Value note"]
    # Fingertips leaves empty text empty rather than quoting it.
    return shaped.with_columns(_neutralised(texts)).with_columns(
        pl.when(pl.col(name) != "").then(pl.col(name)).alias(name) for name in texts)


def _compared_with_england(frame: pl.DataFrame, indicator: Indicator) -> pl.Expr | pl.Series:
    """The 95% comparison of each headline row with England's value in its period and
    breakdown; rows with a category are not compared, as on the national site."""
    if frame.height == 0:
        return pl.lit(None, dtype=pl.String).alias("compared")
    series = frame.with_columns(
        pl.concat_str(["sex", "age", "category_type", "category"], separator="\x1f")
        .rank("dense").cast(pl.Int64).alias("indicator_id"),
        pl.col("period").rank("dense").cast(pl.Int64).alias("period_index"),
    )
    ids = series["indicator_id"].unique().sort()
    compared = compare_with_benchmark(
        series.select("indicator_id", "area_code", "period_index", "value", "lower95",
                      "upper95", "lower998", "upper998"),
        areas=pl.DataFrame({"area_code": series["area_code"].unique().sort()}).with_columns(
            pl.lit(None, dtype=pl.String).alias("region_code"),
            (pl.col("area_code") == ENGLAND_CODE).alias("is_england")),
        indicators=pl.DataFrame({"indicator_id": ids,
                                 "polarity": [indicator.polarity or Polarity.NO_JUDGEMENT]
                                 * len(ids)}),
    )
    words = compared["compared_with_england_95"].cast(pl.String).replace_strict(
        list(_COMPARED), list(_COMPARED.values()), default="Not compared")
    has_category = (frame["category_type"] != "") | (frame["category"] != "")
    return pl.Series("compared", words).zip_with(~has_category, pl.Series(
        ["Not compared"] * frame.height))


def _whole(name: str) -> pl.Expr:
    """Counts as the source writes them: 107429 rather than 107429.0."""
    column = pl.col(name)
    is_whole = (column == column.round(0)) & (column.abs() < 1e15)
    return pl.when(is_whole).then(column.cast(pl.Int64).cast(pl.String)).otherwise(
        column.cast(pl.String)).alias(name)


def _neutralised(names: list[str]) -> list[pl.Expr]:
    """Prefix text a spreadsheet would run as a formula with an apostrophe."""
    return [pl.when(pl.col(name).str.contains(FORMULA_START)).then(pl.lit("'") + pl.col(name))
            .otherwise(pl.col(name)).alias(name) for name in names]
