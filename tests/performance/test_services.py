import pytest

from tests.governance.factories import PersonFactory
from tests.performance.factories import IndicatorFactory
from tests.published_data import NEIGHBOURS_2025
from trustboard.core.errors import ImportRowError, RuleError
from trustboard.performance.errors import ImportFileError
from trustboard.performance.models import (
    Area,
    AreaKind,
    Frequency,
    Indicator,
    StatisticalNeighbour,
    Target,
)
from trustboard.performance.services import (
    area_load_national,
    indicator_save,
    indicator_settings_save,
    locality_save,
    neighbours_import,
    neighbours_import_file,
    target_save,
)

pytestmark = pytest.mark.django_db

NFER_HEADER = ("old_la_code,la_name,region_ind,region_name,"
               + ",".join(f"SN_{n},SN_{n}P" for n in range(1, 11)))
NOTTINGHAMSHIRE_2025 = ("891,Nottinghamshire,4,East Midlands,"
                        + ",".join(f"{code},Close " for code in
                                   (830, 855, 925, 916, 940, 936, 885, 881, 886, 938)))


# --- areas ---------------------------------------------------------------------------------


def test_national_areas_are_england_nine_regions_and_153_current_authorities(areas):
    assert Area.objects.filter(kind=AreaKind.ENGLAND).count() == 1
    assert Area.objects.filter(kind=AreaKind.REGION).count() == 9
    assert Area.objects.filter(kind=AreaKind.UPPER_TIER, is_current=True).count() == 153


def test_nottinghamshire_has_its_dfe_number_region_and_seven_districts(areas):
    county = Area.objects.get(code="E10000024")

    assert (county.name, county.dfe_la_code, county.region.name) == (
        "Nottinghamshire", "891", "East Midlands")
    assert sorted(county.children.values_list("name", flat=True)) == [
        "Ashfield", "Bassetlaw", "Broxtowe", "Gedling", "Mansfield", "Newark and Sherwood",
        "Rushcliffe"]


def test_london_boroughs_are_in_the_london_region(areas):
    assert Area.objects.get(code="E09000001").region.code == "E12000007"


def test_authorities_since_recoded_are_kept_as_not_current(areas):
    old, new = Area.objects.filter(dfe_la_code="815").order_by("is_current")

    assert (old.code, old.is_current, new.code, new.is_current) == (
        "E10000023", False, "E06000065", True)


def test_loading_the_areas_twice_changes_nothing(areas):
    counts = area_load_national()

    assert (counts.created, counts.updated) == (0, 0)


def test_a_locality_is_a_named_set_of_the_countys_districts(areas):
    county = Area.objects.get(code="E10000024")
    districts = list(Area.objects.filter(name__in=["Mansfield", "Ashfield"]))

    locality = locality_save(code="NOTTS-NORTH", name="North", districts=districts,
                             parent=county)

    assert (locality.kind, locality.region, set(locality.districts.all())) == (
        AreaKind.LOCALITY, county.region, set(districts))


def test_a_locality_refuses_a_district_of_another_county(areas):
    county = Area.objects.get(code="E10000024")
    elsewhere = Area.objects.filter(kind=AreaKind.DISTRICT).exclude(parent=county).first()

    with pytest.raises(RuleError, match=elsewhere.name):
        locality_save(code="X", name="X", districts=[elsewhere], parent=county)
    assert not Area.objects.filter(kind=AreaKind.LOCALITY).exists()


# --- statistical neighbours ----------------------------------------------------------------


def test_neighbours_import_ranks_ten_neighbours_with_trimmed_labels(areas):
    counts = neighbours_import(text=f"\ufeff{NFER_HEADER}\n{NOTTINGHAMSHIRE_2025}\n",
                               model_year=2025)

    links = StatisticalNeighbour.objects.filter(area__code="E10000024")
    assert counts.changed == 1
    assert list(links.values_list("rank", "neighbour__dfe_la_code", "closeness"))[:2] == [
        (1, "830", "Close"), (2, "855", "Close")]


def test_reimporting_the_same_neighbours_changes_nothing(areas):
    text = f"{NFER_HEADER}\n{NOTTINGHAMSHIRE_2025}\n"
    neighbours_import(text=text, model_year=2025)
    first_ids = set(StatisticalNeighbour.objects.values_list("pk", flat=True))

    counts = neighbours_import(text=text, model_year=2025)

    assert (counts.changed, counts.unchanged) == (0, 1)
    assert set(StatisticalNeighbour.objects.values_list("pk", flat=True)) == first_ids


def test_neighbours_import_refuses_an_unknown_dfe_number_and_writes_nothing(areas):
    wrong = NOTTINGHAMSHIRE_2025.replace("830,", "999,")

    with pytest.raises(ImportFileError) as refusal:
        neighbours_import(text=f"{NFER_HEADER}\n{wrong}\n", model_year=2025)

    assert (refusal.value.errors[0].row, refusal.value.errors[0].column) == (2, "SN_1")
    assert not StatisticalNeighbour.objects.exists()


def test_neighbours_import_refuses_a_file_without_the_nfer_columns(areas):
    with pytest.raises(ImportRowError, match="'SN_1'"):
        neighbours_import(text="code,name\n891,Nottinghamshire\n", model_year=2025)


def test_neighbours_file_takes_its_model_year_from_its_name(areas, tmp_path):
    path = tmp_path / "neighbours_2021.csv"
    path.write_text(f"{NFER_HEADER}\n{NOTTINGHAMSHIRE_2025}\n", encoding="utf-8")

    neighbours_import_file(path=path)

    assert set(StatisticalNeighbour.objects.values_list("model_year", flat=True)) == {2021}


def test_published_2025_neighbours_of_trafford_match_traffords_own_list(areas):
    """The data README's independent check: Trafford Council publishes the same ten."""
    neighbours_import_file(path=NEIGHBOURS_2025)

    names = list(StatisticalNeighbour.objects.filter(area__dfe_la_code="358").order_by(
        "rank").values_list("neighbour__name", flat=True))
    assert names == ["Hertfordshire", "Stockport", "Buckinghamshire", "Oxfordshire", "Surrey",
                     "Bromley", "Cheshire East", "Cambridgeshire", "Gloucestershire",
                     "Solihull"]


# --- indicators and targets ----------------------------------------------------------------


def test_indicator_months_between_values_follow_its_frequency(db, officer):
    indicator = indicator_save(indicator=Indicator(name="Referrals", frequency=Frequency.QUARTERLY),
                               by=officer)

    assert indicator.frequency_months == 3
    assert indicator.history.get().history_user == officer


def test_indicator_save_refuses_a_source_id_already_held(db, officer):
    IndicatorFactory(source_id="90284")

    with pytest.raises(RuleError, match="90284"):
        indicator_save(indicator=IndicatorFactory.build(source_id="90284"), by=officer)
    assert Indicator.objects.count() == 1


def test_an_indicator_owner_is_a_person_of_the_partnership(db, officer):
    owner = PersonFactory()

    indicator = indicator_save(indicator=IndicatorFactory.build(owner=owner), by=officer)

    assert owner.indicators.get() == indicator


def test_target_save_replaces_the_periods_target_and_keeps_history(db, officer):
    indicator = IndicatorFactory()
    target_save(indicator=indicator, period="2024/25", value=80, by=officer)

    target = target_save(indicator=indicator, period="2024/25", value=75, by=officer)

    assert Target.objects.get() == target and target.value == 75
    assert [h.value for h in target.history.order_by("history_id")] == [80, 75]


# --- an indicator's settings ---------------------------------------------------------------


def _settings(indicator, **changes) -> dict:
    """The indicator's settings as the edit page posts them, with `changes`."""
    return {"name": indicator.name, "definition": indicator.definition, "unit": indicator.unit,
            "multiplier": indicator.multiplier, "polarity": indicator.polarity,
            "frequency": indicator.frequency, "frequency_months": indicator.frequency_months,
            "owner": indicator.owner, "target_tolerance": indicator.target_tolerance,
            "approval_required": indicator.approval_required, **changes}


def test_an_officer_changes_an_indicators_settings_and_the_history_names_them(db, officer):
    indicator = IndicatorFactory(polarity="lower_is_better", source_id="90284")
    owner = PersonFactory(name="Head of Early Help")

    indicator_settings_save(indicator=indicator, by=officer, **_settings(
        indicator, name="Injury admissions, 0 to 14", polarity="higher_is_better", owner=owner,
        target_tolerance=2.5, approval_required=True))

    indicator.refresh_from_db()
    assert (indicator.name, indicator.polarity, indicator.owner, indicator.target_tolerance,
            indicator.approval_required) == ("Injury admissions, 0 to 14", "higher_is_better",
                                             owner, 2.5, True)
    assert indicator.source_id == "90284", "what imports find it by is untouched"
    latest = indicator.history.first()
    assert (latest.history_user, latest.polarity, latest.approval_required) == (
        officer, "higher_is_better", True)


def test_indicator_settings_set_a_target_for_a_period(db, officer):
    indicator = IndicatorFactory()

    indicator_settings_save(indicator=indicator, by=officer, **_settings(
        indicator, target_period="2024/25", target_value=75.0))

    target = Target.objects.get(indicator=indicator)
    assert (target.period, target.value, target.history.get().history_user) == (
        "2024/25", 75, officer)


@pytest.mark.parametrize(("changes", "field"), [
    ({"polarity": "sideways"}, "polarity"),
    ({"frequency": "fortnightly"}, "frequency"),
    ({"multiplier": -100}, "multiplier"),
    ({"frequency": "other", "frequency_months": 0}, "frequency_months"),
    ({"frequency": "other", "frequency_months": None}, "frequency_months"),
    ({"target_tolerance": -1.0}, "target_tolerance"),
    ({"target_period": "2024/25", "target_value": "seventy"}, "target_value"),
    ({"target_period": "2024/25", "target_value": float("nan")}, "target_value"),
    ({"target_value": 75.0}, "target_period"),
    ({"name": "  "}, "name"),
])
def test_indicator_settings_refuse_a_bad_value_naming_its_field_and_write_nothing(
        db, officer, changes, field):
    indicator = IndicatorFactory(name="Admissions", polarity="lower_is_better")

    with pytest.raises(RuleError) as refused:
        indicator_settings_save(indicator=indicator, by=officer, **_settings(
            indicator, approval_required=True, **changes))

    assert refused.value.field == field
    indicator.refresh_from_db()
    assert (indicator.name, indicator.polarity, indicator.approval_required) == (
        "Admissions", "lower_is_better", False)
    assert indicator.history.count() == 1 and not Target.objects.exists()


def test_a_member_cannot_change_an_indicators_settings(db, member):
    indicator = IndicatorFactory(polarity="lower_is_better")

    with pytest.raises(RuleError, match="partnership officer"):
        indicator_settings_save(indicator=indicator, by=member,
                                **_settings(indicator, polarity="higher_is_better"))
    indicator.refresh_from_db()
    assert indicator.polarity == "lower_is_better"
