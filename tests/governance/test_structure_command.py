from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.governance.factories import BodyFactory, ScenarioFactory
from trustboard.governance.models import Body, Membership, Relationship, Scenario

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
PLYMOUTH = EXAMPLES / "plymouth.yaml"


def _run(*args: str) -> str:
    out = StringIO()
    call_command("structure", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def scenario():
    scenario = ScenarioFactory(name="Nottinghamshire 2015 option", slug="notts-2015")
    BodyFactory(scenario=scenario, name="Children's Trust Board", is_partnership_board=True)
    return scenario


def test_export_writes_the_scenario_to_standard_output(scenario):
    text = _run("export", "--scenario", "Nottinghamshire 2015 option")
    assert text.startswith("trustboard_structure: 1\nscenario:\n  name: Nottinghamshire 2015")
    assert "  - name: Children's Trust Board\n" in text


def test_export_finds_the_scenario_by_its_slug(scenario):
    assert "Nottinghamshire 2015 option" in _run("export", "--scenario", "notts-2015")


def test_export_writes_to_the_output_file(scenario, tmp_path):
    target = tmp_path / "notts.yaml"
    said = _run("export", "--scenario", "notts-2015", "--output", str(target))
    assert said == f"Wrote scenario 'Nottinghamshire 2015 option' to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("trustboard_structure: 1\n")


def test_export_of_an_unknown_scenario_lists_the_scenarios_there_are(scenario):
    ScenarioFactory(name="As it is")
    with pytest.raises(CommandError) as refusal:
        _run("export", "--scenario", "Plymouth")
    assert str(refusal.value) == (
        "No scenario is called 'Plymouth'. Scenarios: As it is; Nottinghamshire 2015 option.")


def test_import_creates_the_scenario_and_says_what_it_holds():
    said = _run("import", str(PLYMOUTH))
    scenario = Scenario.objects.get()
    assert said == (
        f"Imported scenario '{scenario.name}': {scenario.bodies.count()} bodies, "
        f"{Membership.objects.count()} memberships, {Relationship.objects.count()} "
        "relationships\n")
    assert scenario.name == "Plymouth single Children's Partnership (proposed)"


def test_import_as_gives_the_new_scenario_its_name():
    _run("import", str(PLYMOUTH))
    said = _run("import", str(PLYMOUTH), "--as", "Plymouth option B")
    assert said.startswith("Imported scenario 'Plymouth option B': 13 bodies")
    assert Scenario.objects.count() == 2


def test_import_from_the_command_line_is_recorded_as_the_system():
    _run("import", str(PLYMOUTH))
    body = Body.objects.get(name="Children's Partnership")
    assert body.history.first().history_user is None


def test_import_of_a_bad_file_names_the_file_line_and_key_and_writes_nothing(tmp_path):
    bad = tmp_path / "plymouth.yaml"
    bad.write_text(PLYMOUTH.read_text(encoding="utf-8").replace(
        "kind: trust board", "kind: board"), encoding="utf-8")
    line = PLYMOUTH.read_text(encoding="utf-8").splitlines().index("    kind: trust board") + 1
    with pytest.raises(CommandError) as refusal:
        _run("import", str(bad))
    assert str(refusal.value).startswith(
        f"plymouth.yaml, line {line}, 'kind': unknown body kind 'board'; use one of: "
        "trust board, executive group, ")
    assert not Scenario.objects.exists()
    assert not Body.objects.exists()


def test_import_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        _run("import", str(tmp_path / "absent.yaml"))


def test_import_of_a_file_that_is_not_utf8_says_so(tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("scenario:\n  name: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(CommandError, match=r"latin\.yaml is not UTF-8 text"):
        _run("import", str(latin))


def test_the_command_needs_export_or_import():
    with pytest.raises(CommandError):
        _run()


def test_import_of_a_file_nested_thousands_deep_says_so_and_writes_nothing(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("trustboard_structure: 1\nscenario: " + "[" * 5000 + "]" * 5000 + "\n",
                    encoding="utf-8")
    with pytest.raises(CommandError, match=r"^deep\.yaml, line 2: lists and mappings are "
                                           r"nested more than 20 levels deep"):
        _run("import", str(deep))
    assert not Scenario.objects.exists()
