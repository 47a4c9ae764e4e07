"""Write Fingertips-format files of any size, for the import benchmark and tests.

The rows look like the national site's export of a crude rate per 10,000 (27 columns,
England and every current upper-tier authority, three sexes, financial years), with
deterministic figures, so two runs write the same bytes. Files are written in slices, so
memory stays flat however many rows are asked for. No Django: the benchmark writes its
file before it sets Django up.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

FINGERTIPS_HEADER = [
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name",
    "Area Type", "Sex", "Age", "Category Type", "Category", "Time period", "Value",
    "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit",
    "Count", "Denominator", "Value note", "Recent Trend",
    "Compared to England value or percentiles", "Compared to percentiles",
    "Time period Sortable", "New data", "Compared to goal", "Time period range",
]

SEXES = ["Persons", "Male", "Female"]


def fingertips_sample_write(path: Path, *, area_codes: list[str], rows: int,
                            first_indicator: int = 800_000, first_year: int = 2000,
                            years: int = 24, seed: int = 2025, slice_rows: int = 200_000) -> int:
    """Write about `rows` rows (whole indicators) to `path`; return the rows written.

    Each indicator has every area x sex x year; indicator ids count up from
    `first_indicator`, so a file never clashes with real Fingertips ids.
    """
    per_indicator = len(area_codes) * len(SEXES) * years
    indicators = max(1, -(-rows // per_indicator))
    codes = pl.Series(area_codes)
    names = pl.Series([f"Area {code}" for code in area_codes])
    periods = pl.Series([f"{y}/{(y + 1) % 100:02d}" for y in range(first_year,
                                                                    first_year + years)])
    sortable = pl.Series([f"{y}0000" for y in range(first_year, first_year + years)])
    rng = np.random.default_rng(seed)
    written = 0
    per_slice = max(1, slice_rows // per_indicator)
    with path.open("wb") as file:
        file.write((",".join(FINGERTIPS_HEADER) + "\n").encode())
        for start in range(0, indicators, per_slice):
            count = min(per_slice, indicators - start)
            n = count * per_indicator
            indicator = np.repeat(np.arange(start, start + count), per_indicator)
            within = np.tile(np.arange(per_indicator), count)
            area = within // (len(SEXES) * years)
            sex = (within // years) % len(SEXES)
            year = within % years
            denominator = rng.integers(5_000, 200_000, n)
            events = rng.integers(0, 2_000, n)
            value = events / denominator * 10_000
            spread = np.sqrt(np.maximum(events, 1)) / denominator * 10_000
            arrays = pl.DataFrame({
                "indicator": first_indicator + indicator, "value": value, "spread": spread,
                "events": events, "denominator": denominator,
                "area_code": codes.gather(area), "area_name": names.gather(area),
                "sex": pl.Series(SEXES).gather(sex), "period": periods.gather(year),
                "sortable": sortable.gather(year),
            })
            text = pl.lit(None, dtype=pl.String)
            value_, spread_ = pl.col("value"), pl.col("spread")
            frame = arrays.select(
                pl.col("indicator").alias("Indicator ID"),
                pl.lit("Synthetic admissions of children aged 0 to 14 (benchmark)")
                .alias("Indicator Name"),
                pl.lit("E92000001").alias("Parent Code"),
                pl.lit("England").alias("Parent Name"),
                pl.col("area_code").alias("Area Code"),
                pl.col("area_name").alias("Area Name"),
                pl.lit("Counties & UAs (from Apr 2023)").alias("Area Type"),
                pl.col("sex").alias("Sex"),
                pl.lit("<15 yrs").alias("Age"),
                text.alias("Category Type"),
                text.alias("Category"),
                pl.col("period").alias("Time period"),
                value_.alias("Value"),
                (value_ - 1.96 * spread_).alias("Lower CI 95.0 limit"),
                (value_ + 1.96 * spread_).alias("Upper CI 95.0 limit"),
                (value_ - 3.09 * spread_).alias("Lower CI 99.8 limit"),
                (value_ + 3.09 * spread_).alias("Upper CI 99.8 limit"),
                pl.col("events").alias("Count"),
                pl.col("denominator").alias("Denominator"),
                text.alias("Value note"),
                text.alias("Recent Trend"),
                pl.lit("Similar").alias("Compared to England value or percentiles"),
                pl.lit("Not compared").alias("Compared to percentiles"),
                pl.col("sortable").alias("Time period Sortable"),
                text.alias("New data"),
                text.alias("Compared to goal"),
                pl.lit("1y").alias("Time period range"),
            )
            frame.write_csv(file, include_header=False)
            written += n
    return written
