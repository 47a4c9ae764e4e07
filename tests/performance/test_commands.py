import io

import pytest
from django.core.management import CommandError, call_command

from tests.performance.factories import IndicatorFactory
from tests.performance.files import DERBYSHIRE, fingertips_row, write_fingertips
from tests.performance.test_services import NFER_HEADER, NOTTINGHAMSHIRE_2025
from trustboard.performance.models import Area, DataImport, DataPoint, StatisticalNeighbour

pytestmark = pytest.mark.django_db


def run(*arguments) -> str:
    output = io.StringIO()
    call_command(*arguments, stdout=output)
    return output.getvalue()


def test_load_areas_says_what_it_created(db):
    output = run("load_areas")

    assert output.startswith("Areas: ") and "created" in output
    assert Area.objects.filter(code="E10000024").exists()


def test_import_neighbours_reports_the_authorities_read(areas, tmp_path):
    path = tmp_path / "nfer_2025.csv"
    path.write_text(f"{NFER_HEADER}\n{NOTTINGHAMSHIRE_2025}\n", encoding="utf-8")

    output = run("import_neighbours", str(path))

    assert "for 1 authorities: 1 changed" in output
    assert StatisticalNeighbour.objects.filter(model_year=2025).count() == 10


def test_import_neighbours_names_a_missing_file(areas, tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        run("import_neighbours", str(tmp_path / "nowhere.csv"))


def test_import_data_reports_rows_created(areas, tmp_path):
    IndicatorFactory(source_id="90284")
    path = write_fingertips(tmp_path, [fingertips_row(), fingertips_row(
        **{"Area Code": DERBYSHIRE})])

    output = run("import_data", str(path), "--quiet")

    assert "2 rows read; 2 data points created, 0 updated, 0 unchanged" in output


def test_import_data_creates_indicators_with_the_polarity_given(areas, tmp_path):
    path = write_fingertips(tmp_path, [fingertips_row()])

    run("import_data", str(path), "--quiet", "--create-indicators", "--polarity",
        "lower_is_better")

    assert DataPoint.objects.get().indicator.polarity == "lower_is_better"


def test_import_data_lists_every_error_and_writes_nothing(areas, tmp_path):
    IndicatorFactory(source_id="90284")
    path = write_fingertips(tmp_path, [fingertips_row(Value="x"),
                                       fingertips_row(**{"Area Code": "E99999999"})])

    with pytest.raises(CommandError) as refusal:
        run("import_data", str(path), "--quiet")

    lines = str(refusal.value).splitlines()
    assert lines[0] == "export.csv was not imported: 2 errors. Nothing was written; put these " \
                       "right and import the file again."
    assert lines[1].startswith("- line 2, 'Value'") and lines[2].startswith("- line 3")
    assert not DataImport.objects.exists()


def test_export_data_writes_the_indicators_rows(areas, tmp_path):
    IndicatorFactory(source_id="90284")
    run("import_data", str(write_fingertips(tmp_path, [fingertips_row()])), "--quiet")
    output_file = tmp_path / "out.csv"

    output = run("export_data", "--indicator", "90284", "--format", "fingertips", "--output",
                 str(output_file))

    assert output.strip() == f"Wrote 1 rows to {output_file}."
    assert output_file.read_text(encoding="utf-8").count("\n") == 2


def test_export_data_refuses_an_unknown_indicator(areas, tmp_path):
    with pytest.raises(CommandError, match="No one indicator has the id 12345"):
        run("export_data", "--indicator", "12345", "--format", "tidy", "--output",
            str(tmp_path / "out.csv"))


def test_export_data_refuses_an_unknown_area(areas, tmp_path):
    with pytest.raises(CommandError, match="No area has the code E99"):
        run("export_data", "--area", "E99", "--format", "tidy", "--output",
            str(tmp_path / "out.csv"))


def test_import_data_refuses_an_xlsx_that_is_not_a_zip_with_a_clear_error(areas, tmp_path):
    path = tmp_path / "local.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"not a zip file" * 50)

    with pytest.raises(CommandError) as refusal:
        run("import_data", str(path), "--quiet")

    lines = str(refusal.value).splitlines()
    assert lines[0].startswith("local.xlsx was not imported: 1 error.")
    assert lines[1].startswith("- the workbook cannot be opened: it is damaged or is not an "
                               "Excel workbook")
    assert not DataImport.objects.exists()
