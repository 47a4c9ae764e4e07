import datetime

from trustboard.thread.providers import ThreadContext, months_before, thread_providers


def test_each_installed_app_with_a_thread_module_is_a_provider():
    names = [provider.__name__ for provider in thread_providers()]
    assert {"trustboard.plans.thread", "trustboard.performance.thread",
            "trustboard.meetings.thread"} <= set(names)
    assert "trustboard.thread.thread" not in names


def test_every_provider_names_its_kinds_and_answers_links_and_gaps():
    for provider in thread_providers():
        assert all(kind.slug and kind.label for kind in provider.KINDS), provider.__name__
        assert callable(provider.links) and callable(provider.gaps), provider.__name__


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(datetime.date(2012, 9, 30), 3) == datetime.date(2012, 6, 30)
    assert months_before(datetime.date(2012, 5, 31), 3) == datetime.date(2012, 2, 29)
    assert months_before(datetime.date(2013, 2, 15), 12) == datetime.date(2012, 2, 15)
    assert months_before(datetime.date(2012, 2, 29), 12) == datetime.date(2011, 2, 28)


def test_a_shared_read_is_made_once_per_thread():
    calls = []
    context = ThreadContext(plan=None, priorities=[], as_at=datetime.date(2012, 9, 30))
    for _ in range(2):
        assert context.remember("key", lambda: calls.append(1) or "read") == "read"
    assert calls == [1]
    assert context.since == datetime.date(2011, 9, 30)
