import hashlib
import io
import re
import zipfile

import polars as pl
import pytest

from tests.performance.factories import IndicatorFactory
from tests.performance.files import (
    DERBYSHIRE,
    ENGLAND,
    NOTTINGHAMSHIRE,
    TIDY_HEADER,
    fingertips_row,
    fingertips_text,
    tidy_row,
    write_fingertips,
    write_tidy,
)
from tests.published_data import FINGERTIPS_90284, FINGERTIPS_93356
from trustboard.performance.engine import proportion_ci, rate_ci
from trustboard.performance.errors import MAX_ERRORS, ImportFileError
from trustboard.performance.imports import data_import
from trustboard.performance.models import (
    FINGERTIPS,
    DataImport,
    DataPoint,
    Frequency,
    ImportStatus,
    Indicator,
    Period,
    ValueType,
)
from trustboard.performance.sample_files import FINGERTIPS_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def injuries(areas):
    """Fingertips 90284, a crude rate per 10,000 where lower is better."""
    return IndicatorFactory(name="Hospital admissions for injuries, 0 to 14",
                            source_id="90284")


@pytest.fixture
def local_proportion(areas):
    return IndicatorFactory(name="Care leavers in education, employment or training",
                            source="Nottinghamshire County Council", source_id="LOCAL1",
                            value_type=ValueType.PROPORTION, multiplier=100,
                            polarity="higher_is_better", sex="Persons", age="All ages")


def refused(path, **options) -> ImportFileError:
    """Import `path`, expect it refused, and check that nothing was written."""
    before = (DataPoint.objects.count(), DataImport.objects.count(), Indicator.objects.count(),
              DataPoint.history.count())
    with pytest.raises(ImportFileError) as refusal:
        data_import(path=path, by=None, **options)
    after = (DataPoint.objects.count(), DataImport.objects.count(), Indicator.objects.count(),
             DataPoint.history.count())
    assert after == before
    return refusal.value


def only_error(refusal: ImportFileError):
    assert len(refusal.errors) == 1, refusal.message
    return refusal.errors[0]


# --- Fingertips files that import ----------------------------------------------------------


def test_import_creates_one_data_point_per_row(injuries, tmp_path, officer):
    path = write_fingertips(tmp_path, [fingertips_row(),
                                       fingertips_row(**{"Area Code": DERBYSHIRE})])

    record = data_import(path=path, by=officer)

    assert (record.rows, record.created, record.updated, record.unchanged) == (2, 2, 0, 0)
    point = DataPoint.objects.get(area__code=NOTTINGHAMSHIRE)
    assert (point.value, point.lower95, point.upper95, point.lower998, point.upper998,
            point.count, point.denominator) == (80.5, 76.1, 85.1, 73.6, 87.9, 1100, 136646)


def test_import_records_the_file_its_hash_and_who_imported_it(injuries, tmp_path, officer):
    path = write_fingertips(tmp_path, [fingertips_row()])

    record = data_import(path=path, by=officer)

    assert record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (record.file_name, record.format, record.by, record.status) == (
        "export.csv", "fingertips", officer, ImportStatus.COMPLETED)
    assert DataPoint.objects.get().provenance == record


def test_reimporting_the_same_file_changes_nothing(injuries, tmp_path, officer):
    path = write_fingertips(tmp_path, [fingertips_row(),
                                       fingertips_row(**{"Value note": "Provisional"})
                                       | {"Sex": "Male"}])
    first = data_import(path=path, by=officer)

    again = data_import(path=path, by=officer)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert set(DataPoint.objects.values_list("provenance", flat=True)) == {first.pk}
    assert DataPoint.history.count() == 0


def test_newer_file_updates_changed_values(injuries, tmp_path, officer):
    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=officer)
    newer = write_fingertips(tmp_path, [fingertips_row(Value="81.0"),
                                        fingertips_row(**{"Area Code": DERBYSHIRE})],
                             name="newer.csv")

    record = data_import(path=newer, by=officer)

    assert (record.created, record.updated, record.unchanged) == (1, 1, 0)
    point = DataPoint.objects.get(area__code=NOTTINGHAMSHIRE)
    assert (point.value, point.provenance) == (81.0, record)


def test_newer_file_keeps_the_history_of_the_values_it_replaces(injuries, tmp_path, officer,
                                                               member):
    first = data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=member)
    second = data_import(path=write_fingertips(tmp_path, [fingertips_row(Value="81.0")],
                                               name="newer.csv"), by=officer)

    history = list(DataPoint.objects.get().history.order_by("history_date", "history_id"))

    assert [(h.history_type, h.value, h.history_user, h.provenance_id) for h in history] == [
        ("+", 80.5, member, first.pk), ("~", 81.0, officer, second.pk)]


def test_third_change_adds_one_history_row(injuries, tmp_path, officer):
    for number, value in enumerate(["80.5", "81.0", "82.0"]):
        data_import(path=write_fingertips(tmp_path, [fingertips_row(Value=value)],
                                          name=f"{number}.csv"), by=officer)

    assert list(DataPoint.objects.get().history.order_by("history_id").values_list(
        "history_type", "value")) == [("+", 80.5), ("~", 81.0), ("~", 82.0)]


def test_period_labels_become_the_dates_they_cover(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)

    period = Period.objects.get()
    assert (period.label, period.start.isoformat(), period.end.isoformat()) == (
        "2023/24", "2023-04-01", "2024-03-31")


def test_import_keeps_published_limits_and_says_so(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)

    assert DataPoint.objects.get().limits_source == "published"


def test_import_computes_missing_limits_of_a_rate_with_byars_method(injuries, tmp_path):
    row = fingertips_row(**dict.fromkeys(["Lower CI 95.0 limit", "Upper CI 95.0 limit",
                                          "Lower CI 99.8 limit", "Upper CI 99.8 limit"], ""))

    data_import(path=write_fingertips(tmp_path, [row]), by=None)

    point = DataPoint.objects.get()
    expected = rate_ci(1100, 136646, confidence=0.95, multiplier=10_000)
    assert point.limits_source == "computed"
    assert (point.lower95, point.upper95) == pytest.approx((expected.lower, expected.upper))


def test_import_computes_missing_limits_of_a_proportion_with_wilson(local_proportion, tmp_path):
    data_import(path=write_tidy(tmp_path, [tidy_row()]), by=None)

    point = DataPoint.objects.get()
    expected = proportion_ci(25, 200, confidence=0.998, multiplier=100)
    assert point.limits_source == "computed"
    assert (point.lower998, point.upper998) == pytest.approx((expected.lower, expected.upper))


def test_import_leaves_limits_empty_without_count_and_denominator(injuries, tmp_path):
    row = fingertips_row(**dict.fromkeys(["Lower CI 95.0 limit", "Upper CI 95.0 limit",
                                          "Lower CI 99.8 limit", "Upper CI 99.8 limit",
                                          "Count"], ""))

    data_import(path=write_fingertips(tmp_path, [row]), by=None)

    point = DataPoint.objects.get()
    assert (point.lower95, point.limits_source) == (None, "")


def test_import_accepts_negative_values(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row(
        Value="-1.5", **{"Lower CI 95.0 limit": "-2", "Upper CI 95.0 limit": "-1"})]), by=None)

    assert DataPoint.objects.get().value == -1.5


def test_import_skips_blank_lines(injuries, tmp_path):
    path = tmp_path / "blank.csv"
    text = fingertips_text([fingertips_row(), fingertips_row(**{"Area Code": DERBYSHIRE})])
    head, first, second = text.splitlines(keepends=True)
    path.write_text(head + first + "\n" + second, encoding="utf-8")

    assert data_import(path=path, by=None).created == 2


def test_import_reads_a_file_with_a_byte_order_mark(injuries, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_text("\ufeff" + fingertips_text([fingertips_row()]), encoding="utf-8")

    assert data_import(path=path, by=None).created == 1


def test_import_reports_progress_in_rows(injuries, tmp_path):
    rows = [fingertips_row(**{"Time period": f"{year}/{year - 1999:02d}"})
            for year in range(2010, 2020)]
    path = write_fingertips(tmp_path, rows)
    calls = []

    data_import(path=path, by=None, progress=lambda done, total: calls.append((done, total)),
                batch_bytes=1200)

    done = [done for done, _total in calls]
    assert len(calls) > 2 and done == sorted(done)
    assert calls[-1] == (10, 10)


def test_import_reads_rows_across_batches_as_one_file(injuries, tmp_path):
    rows = [fingertips_row(**{"Time period": f"{year}/{year - 1999:02d}"})
            for year in range(2010, 2020)]

    record = data_import(path=write_fingertips(tmp_path, rows), by=None, batch_bytes=900)

    assert (record.rows, record.created) == (10, 10)


# --- creating indicators from Fingertips files ---------------------------------------------


def test_import_creates_the_files_indicator_when_asked(areas, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None,
                create_indicators=True, polarity="lower_is_better")

    indicator = Indicator.objects.get()
    assert (indicator.source, indicator.source_id, indicator.polarity, indicator.sex,
            indicator.age) == (FINGERTIPS, "90284", "lower_is_better", "Persons", "<15 yrs")
    assert indicator.history.get().history_type == "+"


def test_created_indicator_takes_its_multiplier_and_type_from_the_figures(areas, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None,
                create_indicators=True)

    indicator = Indicator.objects.get()
    # 80.5 = 1100 / 136646 x 10,000, and a rate per 10,000 is not a percentage.
    assert (indicator.multiplier, indicator.value_type, indicator.frequency) == (
        10_000, ValueType.CRUDE_RATE, Frequency.FINANCIAL_YEAR)


def test_created_indicator_has_no_judgement_unless_told(areas, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None,
                create_indicators=True)

    assert Indicator.objects.get().polarity == "no_judgement"


def test_import_reads_the_published_90284_export(areas):
    record = data_import(path=FINGERTIPS_90284, by=None, create_indicators=True)

    # 7,208 rows, of which 703 repeat England's rows (once per parent) with the same figures.
    assert (record.rows, record.created) == (7208, 6505)
    cornwall = DataPoint.objects.filter(area__code="E06000052").exclude(value_note="").first()
    assert cornwall.value_note == "Value for Cornwall and Isles of Scilly combined"


def test_import_reads_the_older_26_column_export_with_a_newline_in_a_name(areas):
    record = data_import(path=FINGERTIPS_93356, by=None, create_indicators=True)

    assert record.created == 852
    assert Indicator.objects.get().name == "Campylobacter incidence rate/100,000"


# --- tidy files ----------------------------------------------------------------------------


def test_tidy_import_finds_the_indicator_by_its_source_id(local_proportion, tmp_path):
    data_import(path=write_tidy(tmp_path, [tidy_row()]), by=None)

    assert DataPoint.objects.get().indicator == local_proportion


def test_tidy_import_finds_the_indicator_by_its_name(local_proportion, tmp_path):
    data_import(path=write_tidy(tmp_path, [tidy_row(indicator=local_proportion.name.upper())]),
                by=None)

    assert DataPoint.objects.get().indicator == local_proportion


def test_tidy_import_defaults_to_persons_of_all_ages(local_proportion, tmp_path):
    data_import(path=write_tidy(tmp_path, [tidy_row()]), by=None)

    breakdown = DataPoint.objects.select_related("breakdown").get().breakdown
    assert (breakdown.sex, breakdown.age, breakdown.category) == ("Persons", "All ages", "")


def test_tidy_import_trims_spaces_around_cells(local_proportion, tmp_path):
    data_import(path=write_tidy(tmp_path, [tidy_row(area_code=f" {NOTTINGHAMSHIRE} ",
                                                    value=" 12.5 ")]), by=None)

    assert DataPoint.objects.get().value == 12.5


def test_tidy_import_reads_a_workbook(local_proportion, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(TIDY_HEADER[:6])
    sheet.append(["LOCAL1", NOTTINGHAMSHIRE, "2023/24", 12.5, 25, 200])
    sheet.append(["LOCAL1", NOTTINGHAMSHIRE, 2022, 11.0, 22, 200])
    book.save(tmp_path / "local.xlsx")

    record = data_import(path=tmp_path / "local.xlsx", by=None)

    assert (record.format, record.created) == ("tidy", 2)
    assert set(DataPoint.objects.values_list("period__label", flat=True)) == {"2023/24", "2022"}


def test_tidy_workbook_errors_name_the_spreadsheet_row(local_proportion, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(TIDY_HEADER[:4])
    sheet.append(["LOCAL1", NOTTINGHAMSHIRE, "2023/24", 12.5])
    sheet.append(["LOCAL1", NOTTINGHAMSHIRE, "2022/23", "twelve"])
    book.save(tmp_path / "local.xlsx")

    error = only_error(refused(tmp_path / "local.xlsx"))

    assert (error.row, error.column) == (3, "value")


def _workbook_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


@pytest.mark.parametrize("content", [
    b"PK\x03\x04" + b"not the rest of a zip file " * 40,  # starts like a zip, is not one
    b"indicator,area_code,period,value\nLOCAL1,E10000024,2023/24,12.5\n",  # CSV named .xlsx
], ids=["broken-zip", "text"])
def test_import_refuses_an_xlsx_that_is_not_a_zip_as_a_workbook_that_cannot_be_opened(
        local_proportion, tmp_path, content):
    path = tmp_path / "local.xlsx"
    path.write_bytes(content)

    refusal = refused(path)

    assert refusal.source == "local.xlsx"
    assert only_error(refusal).message.startswith("the workbook cannot be opened: ")
    assert "Excel Workbook (.xlsx)" in refusal.message


def test_import_refuses_a_workbook_whose_sheet_is_cut_short(local_proportion, tmp_path):
    whole = zipfile.ZipFile(io.BytesIO(_workbook_bytes(
        [TIDY_HEADER[:4], *(["LOCAL1", NOTTINGHAMSHIRE, "2023/24", n] for n in range(200))])))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for info in whole.infolist():
            data = whole.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[:len(data) // 2]
            archive.writestr(info, data)
    path = tmp_path / "local.xlsx"
    path.write_bytes(damaged.getvalue())

    error = only_error(refused(path))

    assert error.message.startswith("the workbook cannot be opened: it is damaged")


# --- refused files -------------------------------------------------------------------------


def test_import_refuses_a_file_in_windows_1252(injuries, tmp_path):
    path = tmp_path / "excel.csv"
    text = fingertips_text([fingertips_row(**{"Value note": "Cost £5 per head"})])
    path.write_bytes(text.encode("cp1252"))

    error = only_error(refused(path))

    assert "Windows-1252" in error.message and "CSV UTF-8" in error.message
    assert error.row == 2


def test_import_finds_a_wrong_byte_beyond_the_start_of_the_file(injuries, tmp_path):
    # The first 64 KB are checked before parsing; this byte lies beyond them.
    long_note = fingertips_row(**{"Value note": "x" * 70_000})
    text = fingertips_text([long_note, fingertips_row(**{"Area Code": DERBYSHIRE,
                                                        "Value note": "Cost £5"})])
    path = tmp_path / "late.csv"
    path.write_bytes(text.encode("cp1252"))

    error = only_error(refused(path))

    assert "Windows-1252" in error.message and error.row == 3


def test_import_refuses_a_file_in_utf16(injuries, tmp_path):
    path = tmp_path / "unicode.csv"
    path.write_text(fingertips_text([fingertips_row()]), encoding="utf-16")

    assert "UTF-16" in only_error(refused(path)).message


def test_import_refuses_missing_columns_naming_them(injuries, tmp_path):
    header = [name for name in FINGERTIPS_HEADER if name not in ("Count", "Value note")]

    error = only_error(refused(write_fingertips(tmp_path, [fingertips_row()], header=header),
                               format="fingertips"))

    assert "'Count' or 'Value note'" in error.message and error.row == 1


def test_import_refuses_a_non_numeric_value_naming_line_and_column(injuries, tmp_path):
    path = write_fingertips(tmp_path, [fingertips_row(), fingertips_row(
        Value="n/a", **{"Area Code": DERBYSHIRE})])

    error = only_error(refused(path))

    assert (error.row, error.column) == (3, "Value")
    assert "'n/a' is not a number" in error.message


def test_import_refuses_an_infinite_value(injuries, tmp_path):
    error = only_error(refused(write_fingertips(tmp_path, [fingertips_row(Value="inf")])))

    assert "not a finite number" in error.message


def test_import_refuses_a_lower_limit_above_the_upper(injuries, tmp_path):
    path = write_fingertips(tmp_path, [fingertips_row(**{"Lower CI 99.8 limit": "90"})])

    error = only_error(refused(path))

    assert (error.row, error.column) == (2, "Lower CI 99.8 limit")
    assert "above the upper limit" in error.message


def test_import_refuses_a_count_above_the_denominator_of_a_proportion(local_proportion,
                                                                       tmp_path):
    error = only_error(refused(write_tidy(tmp_path, [tidy_row(count="250")])))

    assert (error.row, error.column) == (2, "count")
    assert "more than the denominator" in error.message


def test_import_accepts_a_count_above_the_denominator_of_a_rate(injuries, tmp_path):
    data_import(path=write_fingertips(tmp_path, [fingertips_row(Count="200000")]), by=None)

    assert DataPoint.objects.get().count == 200_000


def test_import_refuses_a_negative_denominator(injuries, tmp_path):
    error = only_error(refused(write_fingertips(tmp_path, [fingertips_row(Denominator="-5")])))

    assert error.column == "Denominator" and "cannot be negative" in error.message


def test_import_refuses_an_unknown_area_code_once_with_its_rows(injuries, tmp_path):
    path = write_fingertips(tmp_path, [fingertips_row(**{"Area Code": "E99999999", "Sex": sex})
                                       for sex in ("Persons", "Male", "Female")])

    error = only_error(refused(path))

    assert (error.row, error.column) == (2, "Area Code")
    assert "'E99999999' is not an area code" in error.message and "(3 rows)" in error.message


def test_import_refuses_an_unknown_indicator(areas, tmp_path):
    error = only_error(refused(write_fingertips(tmp_path, [fingertips_row()])))

    assert "indicator 90284 is not in Trustboard" in error.message
    assert "import the file again choosing to add the Fingertips indicators" in error.message
    assert "--" not in error.message  # the web page offers a tick box, not a flag


def test_refused_file_takes_back_the_indicators_it_created(areas, tmp_path):
    path = write_fingertips(tmp_path, [fingertips_row(), fingertips_row(Value="x")])

    refused(path, create_indicators=True)

    assert not Indicator.objects.exists()


def test_tidy_import_refuses_an_unknown_indicator(local_proportion, tmp_path):
    error = only_error(refused(write_tidy(tmp_path, [tidy_row(indicator="Unheard of")])))

    assert "'Unheard of' is not an indicator's source id or name" in error.message


def test_import_refuses_a_period_it_cannot_read(injuries, tmp_path):
    error = only_error(refused(write_fingertips(tmp_path, [fingertips_row(
        **{"Time period": "2023/25"})])))

    assert error.column == "Time period" and "2023/24" in error.message


def test_import_refuses_a_row_repeated_with_different_figures(injuries, tmp_path):
    path = write_fingertips(tmp_path, [fingertips_row(), fingertips_row(Value="99")])

    error = only_error(refused(path))

    assert error.row == 3 and "line 2" in error.message


def test_import_reads_a_fingertips_row_repeated_with_the_same_figures_once(injuries, tmp_path):
    record = data_import(path=write_fingertips(tmp_path, [
        fingertips_row(**{"Area Code": ENGLAND}),
        fingertips_row(**{"Area Code": ENGLAND, "Parent Code": ""})]), by=None)

    assert (record.rows, record.created) == (2, 1)


def test_import_refuses_a_repeat_in_a_later_batch(injuries, tmp_path):
    rows = [fingertips_row(**{"Time period": f"{year}/{year - 1999:02d}"})
            for year in range(2010, 2016)]
    rows.append(fingertips_row(**{"Time period": "2010/11", "Value": "1"}))

    error = only_error(refused(write_fingertips(tmp_path, rows), batch_bytes=600))

    assert error.row == 8 and "line 2" in error.message


def test_tidy_import_refuses_any_repeated_row(local_proportion, tmp_path):
    error = only_error(refused(write_tidy(tmp_path, [tidy_row(), tidy_row()])))

    assert error.row == 3 and "give each once" in error.message


def test_import_refuses_an_empty_file(injuries, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    assert "empty" in only_error(refused(path)).message


def test_import_refuses_a_header_without_rows(injuries, tmp_path):
    assert "no data rows" in only_error(refused(write_fingertips(tmp_path, []))).message


def test_import_refuses_a_file_whose_last_line_is_cut_short(injuries, tmp_path):
    text = fingertips_text([fingertips_row(), fingertips_row(**{"Area Code": DERBYSHIRE})])
    path = tmp_path / "cut.csv"
    path.write_text(text[:text.rindex("Better")], encoding="utf-8")

    error = only_error(refused(path))

    assert error.row == 3 and "cut short" in error.message


def test_import_refuses_a_file_cut_inside_a_quoted_field(injuries, tmp_path):
    text = fingertips_text([fingertips_row(), fingertips_row(
        **{"Area Code": DERBYSHIRE, "Value note": "Aggregated, from all known values"})])
    path = tmp_path / "cut.csv"
    path.write_text(text[:text.rindex("from all")], encoding="utf-8")

    error = only_error(refused(path))

    assert error.row == 3 and "cut short" in error.message


def test_import_refuses_a_line_with_more_fields_than_the_header(injuries, tmp_path):
    text = fingertips_text([fingertips_row()])
    path = tmp_path / "long.csv"
    path.write_text(text.rstrip("\n") + ",extra,extra\n", encoding="utf-8")

    error = only_error(refused(path))

    assert error.row == 2 and "fields" in error.message


def test_import_refuses_formula_text_in_a_value_note(injuries, tmp_path):
    path = write_fingertips(tmp_path, [fingertips_row(
        **{"Value note": '=HYPERLINK("http://example.com","x")'})])

    error = only_error(refused(path))

    assert error.column == "Value note" and "formula" in error.message


@pytest.mark.parametrize("text", ["+1+1", "-2+3", "@SUM(A1)", "\tcmd"])
def test_import_refuses_text_starting_like_a_formula(injuries, tmp_path, text):
    error = only_error(refused(write_fingertips(tmp_path, [fingertips_row(Category=text,
                                                           **{"Category Type": "Test"})])))

    assert error.column == "Category"


def test_import_collects_at_most_twenty_errors(injuries, tmp_path):
    rows = [fingertips_row(Value="bad", **{"Time period": f"{year}/{(year + 1) % 100:02d}"})
            for year in range(1980, 2010)]

    refusal = refused(write_fingertips(tmp_path, rows))

    assert len(refusal.errors) == MAX_ERRORS and refusal.stopped_early
    assert [error.row for error in refusal.errors] == list(range(2, 2 + MAX_ERRORS))


def test_import_lists_every_error_in_line_order(injuries, tmp_path):
    path = write_fingertips(tmp_path, [
        fingertips_row(**{"Area Code": "E99999999"}),
        fingertips_row(Value="x", **{"Area Code": DERBYSHIRE}),
    ])

    refusal = refused(path)

    assert [(error.row, error.column) for error in refusal.errors] == [
        (2, "Area Code"), (3, "Value")]


def test_error_lines_count_newlines_inside_quoted_fields(injuries, tmp_path):
    path = write_fingertips(tmp_path, [
        fingertips_row(**{"Value note": "First line\nsecond line"}),
        fingertips_row(Value="x", **{"Area Code": DERBYSHIRE}),
    ])

    assert only_error(refused(path)).row == 4


def test_import_refuses_a_file_with_neither_header(areas, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")

    assert "neither a Fingertips export" in only_error(refused(path)).message


def test_tidy_import_refuses_a_column_it_does_not_know(local_proportion, tmp_path):
    error = only_error(refused(write_tidy(tmp_path, [tidy_row()],
                                          header=[*TIDY_HEADER, "vlaue"])))

    assert "'vlaue'" in error.message


def test_refusal_message_lists_the_errors_under_the_file_name(injuries, tmp_path):
    refusal = refused(write_fingertips(tmp_path, [fingertips_row(Value="x")]))

    assert refusal.message.splitlines()[0].startswith("export.csv was not imported: 1 error.")
    assert re.match(r"- line 2, 'Value': ", refusal.message.splitlines()[1])


# --- a large file ----------------------------------------------------------------------------

_LARGE_IMPORT = """
import json, os, sys
import django
django.setup()
from django.core.management import call_command
from trustboard.performance.imports import data_import
from trustboard.performance.services import area_load_national

call_command("migrate", verbosity=0)
area_load_national()

def resident():
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmHWM"].split()[0]) * 1024

# A tenth as much first, so what is measured is what the file's size adds, not the
# libraries' and allocators' one-time costs.
data_import(path=sys.argv[2], by=None, create_indicators=True)
with open("/proc/self/clear_refs", "w") as file:
    file.write("5")
before, _ = resident()
samples = []
record = data_import(path=sys.argv[1], by=None, create_indicators=True,
                     progress=lambda done, total: samples.append((done, resident()[0])))
_, peak = resident()
print(json.dumps({"before": before, "peak": peak, "samples": samples,
                  "created": record.created}))
"""


def test_import_streams_a_200_mb_file_in_bounded_memory(tmp_path):
    """LARGE (about 15 s): a 200 MB Fingertips file, imported in a process of its own.

    The child uses a database file, as production does (the tests' in-memory database
    would count the imported rows as memory). Memory must stay flat as the file is read,
    and the peak the file adds beyond a file a tenth its size must stay under three
    quarters of its size (about 120 MB is measured: batches in flight on three threads and
    the allocators' caches): it is read in pieces, never whole, and loading it whole would
    take over three times its size. Resident memory is read from /proc, as Polars' memory
    is not Python's and tracemalloc would not see it.
    """
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from trustboard.performance.sample_files import fingertips_sample_write
    from trustboard.performance.services import _packaged_rows

    if not Path("/proc/self/clear_refs").exists():
        pytest.skip("needs Linux's /proc to read and reset peak memory")
    codes = [row["new_la_code"] for row in _packaged_rows("dfe_la_codes_lookup_derived_from_b1.csv")
             if row["in_2025"] == "True"]
    path = tmp_path / "large.csv"
    rows = fingertips_sample_write(path, area_codes=codes, rows=660_000)
    size = path.stat().st_size
    assert size > 200_000_000
    small = tmp_path / "small.csv"
    fingertips_sample_write(small, area_codes=codes, rows=66_000, first_indicator=1)
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'large.sqlite3'}",
                   "DJANGO_SETTINGS_MODULE": "trustboard.settings"}

    child = subprocess.run([sys.executable, "-c", _LARGE_IMPORT, str(path), str(small)],
                           env=environment, capture_output=True, text=True, check=True)

    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert result["created"] == rows
    samples = result["samples"]
    quarter = next(memory for done, memory in samples if done >= rows // 4)
    # Growth after the first quarter measures 12-41 MB run to run (the allocators' caches
    # and the batches in flight); a file read whole would add over 200 MB here.
    assert max(memory for _done, memory in samples) - quarter < 64_000_000
    added = result["peak"] - result["before"]
    assert added < size * 3 / 4, f"the import added {added / 1e6:.0f} MB at its peak"


def test_sample_file_has_the_columns_the_import_reads():
    from trustboard.performance.imports import FINGERTIPS_COLUMNS

    assert set(FINGERTIPS_COLUMNS) <= set(FINGERTIPS_HEADER)


def test_sample_file_imports_as_written(areas, tmp_path):
    from trustboard.performance.sample_files import fingertips_sample_write

    path = tmp_path / "sample.csv"
    rows = fingertips_sample_write(path, area_codes=[NOTTINGHAMSHIRE, DERBYSHIRE], rows=10,
                                   years=2)

    record = data_import(path=path, by=None, create_indicators=True)

    frame = pl.read_csv(path)
    assert record.created == rows == frame.height


# --- PostgreSQL statistics after a large import --------------------------------------------


def _analyses_of_data_points() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        # Statistics views keep what they first read for the rest of the transaction.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = %s",
                       [DataPoint._meta.db_table])
        return cursor.fetchone()[0]


@pytest.fixture
def postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("ANALYZE and its statistics are PostgreSQL's")


def test_a_large_import_gathers_postgresqls_statistics_on_data_points(postgresql, areas,
                                                                      tmp_path):
    from django.db import connection

    from trustboard.performance.imports import ANALYZE_AFTER_ROWS
    from trustboard.performance.models import Area
    from trustboard.performance.sample_files import fingertips_sample_write

    codes = list(Area.objects.filter(kind__in=["england", "upper tier"], is_current=True)
                 .values_list("code", flat=True))
    path = tmp_path / "large.csv"
    fingertips_sample_write(path, area_codes=codes, rows=ANALYZE_AFTER_ROWS, years=8)
    before = _analyses_of_data_points()

    record = data_import(path=path, by=None, create_indicators=True)

    assert record.created >= ANALYZE_AFTER_ROWS
    assert _analyses_of_data_points() == before + 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s",
                       [DataPoint._meta.db_table])
        assert cursor.fetchone()[0] >= record.created * 0.9, "the rows just written are counted"


def test_a_small_import_leaves_statistics_to_autovacuum(postgresql, injuries, tmp_path):
    before = _analyses_of_data_points()

    data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)

    assert _analyses_of_data_points() == before


def _data_point_foreign_keys() -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint "
                       "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                       [DataPoint._meta.db_table])
        return cursor.fetchall()


@pytest.fixture
def moves(monkeypatch):
    """Where each import (PostgreSQL) copied its rows, and whether it checked the keys at
    once; every import counts as large."""
    from trustboard.performance import imports

    monkeypatch.setattr(imports, "KEYS_CHECKED_AT_ONCE_ROWS", 1)
    seen: list[tuple[str, bool]] = []
    original = imports._Writer.finish

    def finish(writer):
        original(writer)
        seen.append(("table" if writer.copy_target == writer.table else "staging",
                     writer.keys_checked_at_once))

    monkeypatch.setattr(imports._Writer, "finish", finish)
    return seen


@pytest.mark.parametrize("expected_rows, copied_to", [(1, "table"), (0, "staging")])
def test_a_large_import_on_postgresql_checks_keys_at_once_and_keeps_every_foreign_key(
        postgresql, injuries, tmp_path, moves, monkeypatch, expected_rows, copied_to):
    # Expected large, it copies straight into the table; looking small at first (the
    # file's size misled the estimate), it stages its rows and drops the keys to move them.
    from trustboard.performance import imports

    original = imports._Writer.__init__
    monkeypatch.setattr(imports._Writer, "__init__", lambda writer, **options: original(
        writer, **{**options, "rows_expected": expected_rows}))
    before = _data_point_foreign_keys()

    record = data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)

    assert moves == [(copied_to, True)]
    assert len(before) == 5 and _data_point_foreign_keys() == before
    assert DataPoint.objects.filter(provenance=record).count() == 1


def test_a_large_import_refused_at_its_keys_leaves_the_foreign_keys_as_they_were(
        postgresql, injuries, tmp_path, moves, monkeypatch):
    from django.db import IntegrityError, connection

    from trustboard.performance import imports

    before = _data_point_foreign_keys()
    original = imports._Writer._keys_added_back

    def keys_added_back(writer):
        # A data point naming an area that is not there: caught when the key is added back.
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {writer.table} SET area_id = -1 "
                           f"WHERE provenance_id = {int(writer.provenance_id)}")
        original(writer)

    monkeypatch.setattr(imports._Writer, "_keys_added_back", keys_added_back)

    with pytest.raises(IntegrityError, match="area_id"):
        data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)

    assert _data_point_foreign_keys() == before
    assert not DataPoint.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_large_import_whose_tables_are_busy_checks_keys_row_by_row(
        postgresql, injuries, tmp_path, moves, monkeypatch):
    import threading

    from django.db import connection, transaction

    from trustboard.performance import imports

    monkeypatch.setattr(imports, "KEYS_LOCK_TIMEOUT", "200ms")
    reading, done = threading.Event(), threading.Event()

    def reader():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("LOCK TABLE performance_area IN ACCESS SHARE MODE")
            reading.set()
            done.wait(timeout=60)
        connection.close()

    thread = threading.Thread(target=reader)
    thread.start()
    reading.wait(timeout=60)
    try:
        record = data_import(path=write_fingertips(tmp_path, [fingertips_row()]), by=None)
    finally:
        done.set()
        thread.join()

    assert moves == [("staging", False)]
    assert len(_data_point_foreign_keys()) == 5
    assert DataPoint.objects.filter(provenance=record).count() == 1


@pytest.mark.parametrize("expected_rows", [1, 0], ids=["copied into the table", "staged"])
def test_postgresqls_binary_copy_keeps_every_figure_and_note_as_the_file_gave_it(
        postgresql, injuries, tmp_path, moves, monkeypatch, expected_rows):
    # The rows travel in PostgreSQL's binary COPY format: text with the characters CSV
    # quotes, a line break and non-ASCII letters, missing figures and numbers CSV could
    # round all come back exactly.
    from trustboard.performance import imports

    original = imports._Writer.__init__
    monkeypatch.setattr(imports._Writer, "__init__", lambda writer, **options: original(
        writer, **{**options, "rows_expected": expected_rows}))
    note = 'Provisional, "see note" \\ café (Œuvre)\nrevised in 2025'
    path = write_fingertips(tmp_path, [
        fingertips_row(**{"Value note": note, "Value": "0.1", "Count": "1234567890123",
                          "Denominator": "1e-300"}),
        fingertips_row(**{"Sex": "Female", "Value": "", "Lower CI 95.0 limit": "",
                          "Upper CI 95.0 limit": "", "Lower CI 99.8 limit": "",
                          "Upper CI 99.8 limit": "", "Count": "", "Denominator": ""})])

    record = data_import(path=path, by=None)

    noted = DataPoint.objects.get(provenance=record, breakdown__sex="Persons")
    assert (noted.value_note, noted.value, noted.count, noted.denominator) == (
        note, 0.1, 1234567890123.0, 1e-300)
    assert (noted.lower95, noted.upper998, noted.limits_source) == (76.1, 87.9, "published")
    empty = DataPoint.objects.get(provenance=record, breakdown__sex="Female")
    assert [empty.value, empty.lower95, empty.count, empty.denominator, empty.value_note] == [
        None, None, None, None, ""]
    assert moves == [("table" if expected_rows else "staging", True)]
