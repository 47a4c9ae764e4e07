"""The indicator pages on Nottinghamshire's real published figures (Fingertips 90284)."""

from datetime import date

import pytest
from django.urls import reverse

from trustboard.performance.models import Indicator
from trustboard.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def injuries(performance_demo):
    return Indicator.objects.get(source_id="90284")


def test_the_indicator_page_gives_the_published_latest_value_and_comparison(client, injuries):
    page = client.get(f"/indicators/{injuries.pk}/")
    assert page.status_code == 200
    # Fingertips 90284, Nottinghamshire 2023/24: 55.6 per 10,000, better than England (72.7).
    assert "Latest (2023/24)" in page.text
    assert "55.6" in page.text and "72.7" in page.text
    assert "Better" in page.text


def test_the_indicator_page_draws_trend_and_neighbour_charts_with_tables(client, injuries):
    page = client.get(f"/indicators/{injuries.pk}/")
    assert page.text.count('role="img"') == 2
    assert page.text.count("Show the data in a table") == 2
    assert "Leicestershire" in page.text, "a 2025 statistical neighbour of Nottinghamshire"


def test_a_missing_value_draws_no_interval(client, injuries):
    """2016/17 is 'Not presented' with -1 limits in the file; nothing is drawn for it."""
    page = client.get(f"/indicators/{injuries.pk}/")
    assert "-1.0" not in page.text


def test_the_indicator_list_links_each_indicator(client, injuries):
    page = client.get("/indicators/")
    assert page.status_code == 200
    assert f'href="/indicators/{injuries.pk}/"' in page.text


def test_the_list_filters_by_comparison_with_england(client, injuries):
    assert injuries.name not in client.get("/indicators/", {"comparison": "worse"}).text
    assert injuries.name in client.get("/indicators/", {"comparison": "better"}).text


def test_the_list_filters_by_owner(client, injuries):
    from tests.governance.factories import PersonFactory

    owner = PersonFactory(name="Public Health Intelligence Lead")
    injuries.owner = owner
    injuries.save()
    other = Indicator.objects.exclude(pk=injuries.pk).first()
    page = client.get("/indicators/", {"owner": owner.pk}).text
    assert injuries.name in page
    assert other is None or other.name not in page
    assert "Public Health Intelligence Lead" in client.get("/indicators/").text, "offered"


def test_the_list_filters_by_plan_priority(client, injuries):
    import datetime

    from trustboard.plans.models import Plan, Priority

    plan = Plan.objects.create(title="CYPF Plan 2011-14", slug="cypf-2011-14",
                               starts_on=datetime.date(2011, 4, 1),
                               ends_on=datetime.date(2014, 3, 31))
    safety = Priority.objects.create(plan=plan, number=3, title="Keeping children safe")
    safety.indicators.add(injuries)
    other = Indicator.objects.exclude(pk=injuries.pk).first()

    page = client.get("/indicators/", {"priority": safety.pk}).text
    assert injuries.name in page
    assert other is None or other.name not in page
    assert "3. Keeping children safe" in client.get("/indicators/").text, "offered"


def test_the_area_profile_draws_a_spine_chart(client, injuries):
    page = client.get("/indicators/areas/E10000024/")
    assert page.status_code == 200
    assert 'role="img"' in page.text
    assert "149.0" in page.text, "the worst authority's rate in 2023/24"


def test_an_unknown_area_is_not_found(client, injuries):
    assert client.get("/indicators/areas/E99999999/").status_code == 404


def test_the_public_sees_a_changed_figure_at_once_though_pages_are_cached(client, injuries):
    from trustboard.performance.models import DataPoint

    assert "55.6" in client.get("/indicators/").text
    point = DataPoint.objects.get(indicator=injuries, area__code="E10000024",
                                  period__label="2023/24", breakdown__sex="Persons")
    DataPoint.objects.filter(pk=point.pk).update(value=44.4)  # no save(): no signals
    page = client.get("/indicators/").text
    assert "44.4" in page and "55.6" not in page


# --- an indicator's settings, commentary and the list as at a date ---------------------------


@pytest.fixture
def admissions(areas, tmp_path):
    """A local rate for Nottinghamshire and England over three years, needing no approval."""
    from tests.performance.factories import IndicatorFactory
    from tests.performance.files import ENGLAND, NOTTINGHAMSHIRE, tidy_row, write_tidy
    from trustboard.performance.imports import data_import

    indicator = IndicatorFactory(name="Admissions", source="local", source_id="LOCAL1",
                                 sex="Persons", age="All ages", polarity="lower_is_better")
    rows = []
    for period, notts, england in (("2021/22", 80, 90), ("2022/23", 85, 88),
                                   ("2023/24", 95, 90)):
        rows += [tidy_row(period=period, area_code=NOTTINGHAMSHIRE, value=str(notts),
                          count="", denominator="", lower95=str(notts - 1),
                          upper95=str(notts + 1)),
                 tidy_row(period=period, area_code=ENGLAND, value=str(england), count="",
                          denominator="", lower95=str(england - 0.2),
                          upper95=str(england + 0.2))]
    data_import(path=write_tidy(tmp_path, rows), by=None)
    return indicator


def _posted(indicator, **changes) -> dict:
    """The settings form as an officer would send it unchanged, with `changes`."""
    data = {"name": indicator.name, "definition": indicator.definition, "unit": indicator.unit,
            "multiplier": indicator.multiplier, "polarity": indicator.polarity,
            "frequency": indicator.frequency, "frequency_months": indicator.frequency_months,
            "owner": indicator.owner_id or "", "target_tolerance": "", "target_period": "",
            "target_value": ""}
    if indicator.approval_required:
        data["approval_required"] = "on"
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_an_officer_changes_an_indicators_settings_and_the_history_names_them(
        officer_client, officer, admissions):
    from tests.governance.factories import PersonFactory

    owner = PersonFactory(name="Head of Early Help")
    page = officer_client.post(f"/indicators/{admissions.pk}/edit/", _posted(
        admissions, name="Admissions of children", owner=owner.pk,
        polarity="higher_is_better", target_tolerance="2.5", target_period="2024/25",
        target_value="80"), follow=True)

    assert page.redirect_chain[-1][0] == f"/indicators/{admissions.pk}/"
    assert "Admissions of children saved." in page.text
    assert "Head of Early Help" in page.text
    admissions.refresh_from_db()
    assert (admissions.owner, admissions.polarity, admissions.target_tolerance) == (
        owner, "higher_is_better", 2.5)
    assert admissions.history.first().history_user == officer
    assert admissions.targets.get().value == 80


def test_the_indicator_page_links_only_officers_to_its_settings(
        client, officer_client, admissions):
    link = f'href="/indicators/{admissions.pk}/edit/"'
    assert link in officer_client.get(f"/indicators/{admissions.pk}/").text
    client.logout()
    assert link not in client.get(f"/indicators/{admissions.pk}/").text


@pytest.mark.parametrize("role", ["member", "analyst"])
def test_only_officers_may_change_an_indicators_settings(client, django_user_model, admissions,
                                                         role):
    user = django_user_model.objects.create_user(username=role, password="x-password-1",
                                                 role=role)
    client.force_login(user)

    assert client.get(f"/indicators/{admissions.pk}/edit/").status_code == 403
    posted = client.post(f"/indicators/{admissions.pk}/edit/",
                         _posted(admissions, polarity="higher_is_better"))
    assert posted.status_code == 403
    admissions.refresh_from_db()
    assert admissions.polarity == "lower_is_better"


def test_the_public_is_sent_to_sign_in_from_the_settings_page(client, admissions):
    page = client.get(f"/indicators/{admissions.pk}/edit/")

    assert page.status_code == 302
    assert page["Location"] == f"/sign-in/?next=/indicators/{admissions.pk}/edit/"


@pytest.mark.parametrize(("changes", "message"), [
    ({"polarity": "sideways"}, "Choose the indicator&#x27;s polarity"),
    ({"multiplier": "-100"}, "The multiplier (100 for a percentage) must be a whole number"),
    ({"multiplier": "ten"}, "Enter the multiplier as a number"),
    ({"target_period": "2024/25", "target_value": "about 80"}, "Enter the target as a number"),
    ({"target_tolerance": "-1"}, "The target tolerance is how far short"),
    ({"frequency": "other", "frequency_months": ""}, "The months between values must be given"),
])
def test_bad_settings_are_named_on_the_page_and_nothing_is_saved(officer_client, admissions,
                                                                 changes, message):
    page = officer_client.post(f"/indicators/{admissions.pk}/edit/",
                               _posted(admissions, name="Changed", **changes))

    assert page.status_code == 200
    assert "There is a problem" in page.text and message in page.text
    admissions.refresh_from_db()
    assert (admissions.name, admissions.history.count()) == ("Admissions", 1)
    assert not admissions.targets.exists()


def test_the_months_between_values_may_be_left_empty_when_the_frequency_sets_them(
        officer_client, admissions):
    officer_client.post(f"/indicators/{admissions.pk}/edit/",
                        _posted(admissions, frequency="quarterly", frequency_months=""))

    admissions.refresh_from_db()
    assert (admissions.frequency, admissions.frequency_months) == ("quarterly", 3)


def test_the_settings_page_says_which_values_approval_takes_off_the_public_pages(
        officer_client, admissions):
    page = officer_client.get(f"/indicators/{admissions.pk}/edit/").text

    assert "6 values of this indicator are on the public pages and in open data now" in page
    assert "If you tick this, they leave them at once" in page


def test_turning_approval_on_takes_unapproved_values_off_the_public_page_at_once(
        client, officer, admissions):
    from django.test import Client

    assert "95.0" in client.get(f"/indicators/{admissions.pk}/").text  # now cached
    officer_browser = Client()
    officer_browser.force_login(officer)
    saved = officer_browser.post(f"/indicators/{admissions.pk}/edit/",
                                 _posted(admissions, approval_required="on"), follow=True)
    assert "have left the public pages and open data" in saved.text

    page = client.get(f"/indicators/{admissions.pk}/").text
    assert "95.0" not in page and "No values for Nottinghamshire yet" in page
    assert "95.0" in officer_browser.get(f"/indicators/{admissions.pk}/").text


def test_the_indicator_page_shows_the_public_only_approved_commentary(
        client, officer_client, officer, admissions):
    import datetime

    from django.utils import timezone

    from trustboard.performance.models import Area, IndicatorCommentary, PublicationApproval

    notts = Area.objects.get(code="E10000024")
    for period, text in (("2022/23", "Fewer admissions after the scheme."),
                         ("2023/24", "Draft: more admissions.")):
        IndicatorCommentary.objects.create(indicator=admissions, area=notts, period=period,
                                           text=text, by=officer)
    PublicationApproval.objects.create(indicator=admissions, up_to=datetime.date(2023, 3, 31),
                                       up_to_period="2022/23", approved_by=officer,
                                       approved_at=timezone.now())

    signed_in = officer_client.get(f"/indicators/{admissions.pk}/").text
    assert "Draft: more admissions." in signed_in and "Not yet approved" in signed_in
    assert "Fewer admissions after the scheme." in signed_in and "Pat Officer" in signed_in
    client.logout()
    public = client.get(f"/indicators/{admissions.pk}/").text
    assert "Fewer admissions after the scheme." in public and "Pat Officer" in public
    assert "Draft: more admissions." not in public


def test_the_list_as_at_a_date_shows_the_values_ended_by_then(client, admissions):
    page = client.get("/indicators/", {"as_at": "2023-03-31"}).text

    assert "2022/23" in page and "85.0" in page and "88.0" in page
    assert "95.0" not in page
    assert "As at 31 March 2023: the latest figure for" in page
    assert "Better" in page, "85 against 88 where lower is better"


def test_the_list_reads_as_at_the_plans_reporting_date_by_default(client, admissions):
    """A plan reported as at 30 September 2023 reads 2022/23 (ended March 2023) and says
    so; nothing is out of date as at that day, though it would be today."""
    Plan.objects.create(title="Children and Young People's Plan 2021-24", slug="cyp-2021-24",
                        starts_on=date(2021, 4, 1), ends_on=date(2024, 3, 31),
                        reporting_date=date(2023, 9, 30))
    page = client.get("/indicators/").text

    assert "As at 30 September 2023, the plan's reporting date:" in page
    assert "2022/23" in page and "95.0" not in page
    assert "Out of date</strong>" not in page
    assert "Out of date</strong>" in client.get("/indicators/", {"as_at": "2026-12-06"}).text


def test_the_list_gives_each_indicators_unit(client, admissions):
    admissions.unit = "per 10,000 aged 0 to 14"
    admissions.save()

    assert "Per 10,000 aged 0 to 14" in client.get("/indicators/").text


def test_the_list_names_an_impossible_as_at_date_instead_of_failing(client, admissions):
    page = client.get("/indicators/", {"as_at": "2023-02-30"})

    assert page.status_code == 200
    assert "Enter the &#x27;as at&#x27; date as a real date" in page.text


def test_a_county_profile_links_the_profiles_of_its_districts(client, demo):
    page = client.get(reverse("performance:area-profile", args=["E10000024"])).content.decode()

    assert "Within Nottinghamshire" in page
    assert f'href="{reverse("performance:area-profile", args=["E07000170"])}">Ashfield</a>' \
        in page
