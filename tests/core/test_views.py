"""Core views that stand alone."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_health_view_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/")
    assert (response.status_code, response.content) == (200, b"ok")


def test_a_date_field_shows_its_initial_value_as_the_iso_date_a_browser_takes():
    import datetime

    from django import forms
    from django.template import Context, Template

    from trustboard.core.forms import DateInput

    class Form(forms.Form):
        as_at = forms.DateField(widget=DateInput, initial=datetime.date(2012, 9, 30))

    html = Template("{% load govuk %}{% govuk_field form.as_at %}").render(
        Context({"form": Form()}))
    assert 'type="date"' in html and 'value="2012-09-30"' in html


def test_the_home_page_links_every_area_of_the_product_in_its_content(client):
    from trustboard.core.context_processors import SECTIONS

    page = client.get("/").text
    main = page.split('id="main-content"', 1)[1]

    for text, _name, href in SECTIONS:
        assert f'href="{href}">{text}</a>' in main
    for href in ("/structure/compare/", "/meetings/newsletter/", "/meetings/calendar.ics"):
        assert f'href="{href}"' in main
