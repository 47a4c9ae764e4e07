"""Small files in the import formats, written for one test each."""

import csv
import io
from pathlib import Path

from trustboard.performance.sample_files import FINGERTIPS_HEADER

NOTTINGHAMSHIRE = "E10000024"
DERBYSHIRE = "E10000007"
ENGLAND = "E92000001"

TIDY_HEADER = ["indicator", "area_code", "period", "value", "count", "denominator", "lower95",
               "upper95", "lower998", "upper998", "value_note", "sex", "age"]


def fingertips_row(**changes) -> dict[str, str]:
    """One Fingertips export row for indicator 90284, Nottinghamshire, 2023/24, Persons."""
    row = dict.fromkeys(FINGERTIPS_HEADER, "")
    row.update({
        "Indicator ID": "90284",
        "Indicator Name": "Hospital admissions caused by unintentional and deliberate injuries "
                          "in children (aged 0 to 14 years)",
        "Parent Code": ENGLAND, "Parent Name": "England", "Area Code": NOTTINGHAMSHIRE,
        "Area Name": "Nottinghamshire", "Area Type": "Counties & UAs (from Apr 2023)",
        "Sex": "Persons", "Age": "<15 yrs", "Time period": "2023/24", "Value": "80.5",
        "Lower CI 95.0 limit": "76.1", "Upper CI 95.0 limit": "85.1",
        "Lower CI 99.8 limit": "73.6", "Upper CI 99.8 limit": "87.9", "Count": "1100",
        "Denominator": "136646", "Compared to England value or percentiles": "Better",
        "Time period Sortable": "20230000", "Time period range": "1y",
    })
    row.update(changes)
    return row


def fingertips_text(rows: list[dict[str, str]], header: list[str] = FINGERTIPS_HEADER) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_fingertips(folder: Path, rows: list[dict[str, str]], *, name: str = "export.csv",
                     header: list[str] = FINGERTIPS_HEADER) -> Path:
    path = folder / name
    path.write_text(fingertips_text(rows, header), encoding="utf-8")
    return path


def tidy_row(**changes) -> dict[str, str]:
    row = dict.fromkeys(TIDY_HEADER, "")
    row.update({"indicator": "LOCAL1", "area_code": NOTTINGHAMSHIRE, "period": "2023/24",
                "value": "12.5", "count": "25", "denominator": "200"})
    row.update(changes)
    return row


def write_tidy(folder: Path, rows: list[dict[str, str]], *, name: str = "tidy.csv",
               header: list[str] = TIDY_HEADER) -> Path:
    path = folder / name
    path.write_text(fingertips_text(rows, header), encoding="utf-8")
    return path
