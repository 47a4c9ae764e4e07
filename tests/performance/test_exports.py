import io

import polars as pl
import pytest

from tests.performance.factories import IndicatorFactory
from tests.performance.files import (
    DERBYSHIRE,
    ENGLAND,
    NOTTINGHAMSHIRE,
    fingertips_row,
    write_fingertips,
)
from tests.published_data import FINGERTIPS_90284
from trustboard.performance.exports import ExportError, data_export
from trustboard.performance.imports import TIDY_COLUMNS, data_import
from trustboard.performance.models import DataPoint, Indicator
from trustboard.performance.sample_files import FINGERTIPS_HEADER

pytestmark = pytest.mark.django_db

KEY = ["Indicator ID", "Area Code", "Sex", "Age", "Category Type", "Category", "Time period"]
FIGURES = ["Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit",
           "Upper CI 99.8 limit", "Count", "Denominator"]


@pytest.fixture
def injuries(areas):
    return IndicatorFactory(name="Hospital admissions for injuries, 0 to 14",
                            source_id="90284")


def exported(**options) -> pl.DataFrame:
    buffer = io.BytesIO()
    data_export(output=buffer, **options)
    return pl.read_csv(buffer.getvalue(), infer_schema=False)


def test_fingertips_export_has_the_national_sites_27_columns(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)

    assert exported(format="fingertips").columns == FINGERTIPS_HEADER


def test_fingertips_export_writes_counts_as_whole_numbers(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)

    row = exported(format="fingertips").row(0, named=True)
    assert (row["Count"], row["Denominator"], row["Value"]) == ("1100", "136646", "80.5")


def test_fingertips_export_compares_each_authority_with_england(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [
        fingertips_row(),
        fingertips_row(Value="90", **{"Area Code": ENGLAND, "Lower CI 95.0 limit": "89",
                                      "Upper CI 95.0 limit": "91"})]), by=None)

    compared = dict(exported(format="fingertips").select(
        "Area Code", "Compared to England value or percentiles").iter_rows())
    # Lower is better, and Nottinghamshire's interval (76.1 to 85.1) lies below 90.
    assert compared == {NOTTINGHAMSHIRE: "Better", ENGLAND: "Not compared"}


def test_export_of_one_area_leaves_the_others_out(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [
        fingertips_row(), fingertips_row(**{"Area Code": DERBYSHIRE})]), by=None)

    assert exported(format="tidy", area_code=DERBYSHIRE)["area_code"].to_list() == [DERBYSHIRE]


def test_export_of_one_indicator_leaves_the_others_out(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)
    other = IndicatorFactory(source_id="LOCAL9")

    assert exported(format="tidy", indicators=[other]).height == 0


def test_tidy_export_has_the_documented_columns(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)

    assert exported(format="tidy").columns == TIDY_COLUMNS


def test_tidy_export_imports_again_without_change(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [
        fingertips_row(), fingertips_row(**{"Area Code": DERBYSHIRE, "Value note": "Revised"})]),
        by=None)
    data_export(output=tmp_path / "tidy.csv", format="tidy")

    record = data_import(path=tmp_path / "tidy.csv", by=None)

    assert (record.created, record.updated, record.unchanged) == (0, 0, 2)


def test_tidy_export_writes_a_workbook(injuries, tmp_path):
    from openpyxl import load_workbook

    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)

    data_export(output=tmp_path / "tidy.xlsx", format="tidy")

    rows = list(load_workbook(tmp_path / "tidy.xlsx").active.values)
    assert rows[0] == tuple(TIDY_COLUMNS) and rows[1][:4] == ("90284", NOTTINGHAMSHIRE,
                                                              "2023/24", 80.5)


def test_fingertips_export_refuses_a_workbook(injuries, tmp_path):
    with pytest.raises(ExportError, match="CSV"):
        data_export(output=tmp_path / "out.xlsx", format="fingertips")


def test_export_neutralises_text_a_spreadsheet_would_run(injuries):
    """Imports refuse such text; anything that reaches the data another way (an indicator
    named on a page, say) is written with a leading apostrophe."""
    injuries.name = "=1+1"
    injuries.save()
    DataPoint.objects.create(indicator=injuries, area_id=_area_id(NOTTINGHAMSHIRE),
                             period=_period("2023/24"), breakdown=_breakdown(),
                             value=1.0, value_note="@cmd")

    row = exported(format="fingertips").row(0, named=True)

    assert (row["Indicator Name"], row["Value note"]) == ("'=1+1", "'@cmd")


def test_published_90284_file_comes_back_out_with_the_same_figures_and_notes(areas, tmp_path):
    data_import(path=FINGERTIPS_90284, by=None, create_indicators=True,
                polarity="lower_is_better")
    data_export(output=tmp_path / "90284.csv", format="fingertips")

    published = pl.read_csv(FINGERTIPS_90284, infer_schema=False).unique(KEY, keep="first")
    again = pl.read_csv(tmp_path / "90284.csv", infer_schema=False)
    joined = published.join(again, on=KEY, how="full", suffix="_again", nulls_equal=True)

    assert again.height == published.height == joined.height == 6505
    for column in FIGURES:
        before, after = joined[column].cast(pl.Float64), joined[f"{column}_again"].cast(pl.Float64)
        assert before.equals(after), column
    assert joined["Value note"].equals(joined["Value note_again"], check_names=False)


def test_exported_comparisons_agree_with_those_published_for_90284(areas, tmp_path):
    """Data README 1a: the published Better/Similar/Worse follow the 95% interval rule."""
    data_import(path=FINGERTIPS_90284, by=None, create_indicators=True,
                polarity="lower_is_better")
    data_export(output=tmp_path / "90284.csv", format="fingertips")

    column = "Compared to England value or percentiles"
    published = pl.read_csv(FINGERTIPS_90284, infer_schema=False).filter(
        pl.col("Area Code") != ENGLAND).select(*KEY, column)
    again = pl.read_csv(tmp_path / "90284.csv", infer_schema=False).select(*KEY, column)
    joined = published.join(again, on=KEY, suffix="_again", nulls_equal=True)

    assert joined.height == 5802
    assert (joined[column] == joined[f"{column}_again"]).all()


def _area_id(code):
    from trustboard.performance.models import Area

    return Area.objects.get(code=code).pk


def _period(label):
    from trustboard.performance.models import Period
    from trustboard.performance.periods import period_parse

    parsed = period_parse(label)
    return Period.objects.create(label=label, start=parsed.start, end=parsed.end)


def _breakdown():
    from trustboard.performance.models import Breakdown

    return Breakdown.objects.create(sex="Persons", age="<15 yrs")


def test_export_of_nothing_writes_only_the_header(db):
    assert exported(format="tidy").height == 0
    assert not Indicator.objects.exists()
