import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _thread(capsys, *args) -> dict:
    call_command("thread", "--plan", "cypf-2011-14", *args, "--json")
    return json.loads(capsys.readouterr().out)


def test_the_demo_thread_shows_every_priority_with_its_links_by_kind(demo, capsys):
    thread = _thread(capsys, "--as-at", "2012-09-30")
    assert (thread["plan"], thread["as_at"]) == ("cypf-2011-14", "2012-09-30")
    assert [p["number"] for p in thread["priorities"]] == list(range(1, 8))
    sixth = thread["priorities"][5]
    assert sixth["title"] == "Prepare young people for adulthood, learning and work"
    assert {"key-actions", "indicators", "agenda-items", "decisions"} <= set(sixth["links"])
    assert {"id": sixth["links"]["key-actions"][0]["id"],
            "title": "6.1 Approve Nottinghamshire's Youth Homelessness Strategy"} \
        in sixth["links"]["key-actions"]
    # 2013 report, paragraph 12: the Trust approved the Youth Homelessness Strategy.
    assert [item["title"] for item in sixth["links"]["agenda-items"]] == [
        "Youth Homelessness Strategy"]
    assert [d["title"] for d in sixth["links"]["decisions"]] == [
        "The Youth Homelessness Strategy was approved."]


def test_the_demo_thread_shows_the_priorities_no_demo_meeting_discussed(demo, capsys):
    gaps = _thread(capsys, "--as-at", "2012-09-30")["gaps"]
    undiscussed = [gap for gap in gaps if gap["rule"] == "priority-not-discussed"]
    assert [gap["subjects"][0]["title"] for gap in undiscussed] == [
        "4. Close the gaps in educational achievement",
        "5. Reduce child and family poverty",
        "7. Improve outcomes for children in care and children with disabilities"]
    assert set(undiscussed[0]) == {"rule", "severity", "message", "citation", "subjects"}
    assert undiscussed[0]["severity"] == "high"
    assert "Agendas match the priorities and key actions" in undiscussed[0]["citation"]


def test_the_command_reads_exempt_items_too(demo, capsys):
    """The command is run by those who run the installation: nothing is hidden from it."""
    third = _thread(capsys, "--as-at", "2012-09-30")["priorities"][2]
    assert "Award of the young carers support contract" in [
        item["title"] for item in third["links"]["agenda-items"]]


def test_the_command_reads_as_at_the_plans_reporting_date_by_default(demo, capsys):
    assert _thread(capsys)["as_at"] == "2012-09-30"


def test_the_command_prints_counts_and_gaps_in_words(demo, capsys):
    call_command("thread", "--plan", "cypf-2011-14", "--as-at", "2013-03-31")
    out = capsys.readouterr().out
    assert "4. Close the gaps in educational achievement: key actions 2, indicators 4, " \
           "agenda items 0, decisions 0" in out
    assert ("[medium] key-action-no-update: Key action 1.1 was last updated on "
            "30 September 2012") in out


def test_an_unknown_plan_is_refused_naming_the_plans_there_are(demo):
    with pytest.raises(CommandError, match=r"--plan: there is no plan 'cypf'\. "
                                           r"Plans: cypf-2011-14\."):
        call_command("thread", "--plan", "cypf")


def test_a_date_that_is_not_a_date_is_refused_naming_the_option(demo):
    with pytest.raises(CommandError, match="--as-at: '30/09/2012' is not a date"):
        call_command("thread", "--plan", "cypf-2011-14", "--as-at", "30/09/2012")
