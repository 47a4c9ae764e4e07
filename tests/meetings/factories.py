from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory

from tests.governance.factories import BodyFactory, PersonFactory
from trustboard.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    DecisionKind,
    Meeting,
)

LONDON = ZoneInfo("Europe/London")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A time in the partnership's own time zone."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    starts_at = factory.Sequence(lambda n: at(2013, 1, 7) + timedelta(days=n))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=2))
    place = "County Hall, West Bridgford"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item {n}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    item = factory.SubFactory(AgendaItemFactory)
    kind = DecisionKind.NOTE
    text = "Noted."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    item = factory.SubFactory(AgendaItemFactory)
    text = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(PersonFactory)


def pdf_bytes(title: str, *, pages: int = 1) -> bytes:
    """A real PDF of `pages` pages, each headed with `title`, rendered by WeasyPrint."""
    from weasyprint import HTML

    body = "".join(f'<h1 style="break-before: page">{title}, page {n}</h1>'
                   for n in range(1, pages + 1))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def docx_bytes(text: str) -> bytes:
    """A real Word document holding `text`."""
    import io

    from docx import Document

    document = Document()
    document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def upload(name: str, content: bytes):
    """A file as a service receives it, named exactly `name` (a browser could send anything)."""
    import io

    from django.core.files import File

    return File(io.BytesIO(content), name=name)
