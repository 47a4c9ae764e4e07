"""Declarations of interest, the register of members' interests and the action log's states.

All illustrative: the seeds record no member's interests and no action's completion. Loaded
by `meetings_demo_load` after the Executive's agendas and before its minutes are drafted, so
the minutes record the declarations and, under matters arising, the actions done.
"""

from datetime import date

from django.contrib.auth import get_user_model

from trustboard.governance.models import Body, Person
from trustboard.meetings.models import (
    Action,
    AgendaItem,
    Declaration,
    InterestKind,
    RegisteredInterest,
)
from trustboard.meetings.services import (
    action_complete,
    action_save,
    declaration_save,
    registered_interest_save,
)

# (meeting day, item title, person, kind, interest, left the room)
DECLARATIONS = [
    (date(2012, 5, 17), "Youth Homelessness Strategy", "Voluntary sector representative "
     "(placeholder)", InterestKind.OTHER_REGISTRABLE, "Board member of a housing association "
     "that provides supported lodgings for young people (illustrative)", False),
    (date(2012, 7, 12), "Pathway to Provision", "Headteacher representative (placeholder)",
     InterestKind.NON_REGISTRABLE, "A close family member attends a special school named in "
     "the consultation (illustrative)", False),
    (date(2012, 7, 12), "Award of the young carers support contract",
     "Voluntary sector representative (placeholder)", InterestKind.DISCLOSABLE_PECUNIARY,
     "Paid trustee of a charity that tendered for the young carers support contract "
     "(illustrative)", True),
]

# (person, kind, description, registered on, review by, no longer held from)
REGISTER = [
    ("Group Manager Early Help (placeholder)", InterestKind.OTHER_REGISTRABLE,
     "Trustee of a Mansfield youth charity (illustrative)", date(2012, 4, 2),
     date(2013, 4, 2), None),
    ("Group Manager Early Help (placeholder)", InterestKind.DISCLOSABLE_PECUNIARY,
     "Spouse employed by a provider of short breaks for disabled children (illustrative)",
     date(2012, 4, 2), date(2013, 4, 2), None),
    ("Headteacher representative (placeholder)", InterestKind.OTHER_REGISTRABLE,
     "Governor of a Newark academy trust (illustrative)", date(2011, 9, 1), date(2012, 9, 1),
     None),
    ("Headteacher representative (placeholder)", InterestKind.OTHER_REGISTRABLE,
     "Governor of a Bassetlaw primary school (illustrative)", date(2010, 9, 1),
     date(2011, 9, 1), date(2012, 8, 31)),
    ("Corporate Director (placeholder)", InterestKind.OTHER_REGISTRABLE,
     "Director of a regional adoption partnership company (illustrative)", date(2012, 4, 1),
     date(2013, 4, 1), None),
]

# Actions of the Executive marked done: (text, done on, what was done).
DONE = [
    ("Publish the Youth Homelessness Strategy to partners", date(2012, 6, 27),
     "Sent to every partner's board and published on the council's website (illustrative)."),
    ("Report the Pathway to Provision consultation to the Executive", date(2012, 9, 20),
     "Findings reported to the Executive on 20 September 2012 (illustrative)."),
    ("Bring the MASH implementation plan to the Executive", date(2012, 11, 15),
     "Implementation plan taken on 15 November 2012 (illustrative)."),
]

# Actions left open, so the log has some due and some overdue: (meeting day, item title,
# text, owner, due).
OPEN = [
    (date(2013, 1, 17), "CYPF Plan: annual refresh", "Send the refreshed CYPF Plan to each "
     "partner's board (illustrative)", "Team Manager Planning (placeholder)", date(2013, 4, 30)),
    (date(2013, 1, 17), "Review of the Children's Trust arrangements", "Bring the early help "
     "offer for homeless 16 and 17 year olds to the Executive (illustrative)",
     "Group Manager Early Help (placeholder)", date(2013, 5, 16)),
    (date(2013, 3, 21), "Multi-Agency Safeguarding Hub: first months", "Report the MASH's "
     "referral volumes after its first six months (illustrative)",
     "Police superintendent (placeholder)", date(2013, 9, 19)),
]


def interests_demo_load(*, body: Body) -> None:
    """Declarations at the body's meetings, members' registers, and actions open and done."""
    by = get_user_model().objects.get(username="officer")
    people = {person.name: person for person in Person.objects.all()}

    def item_on(day: date, title: str) -> AgendaItem:
        return AgendaItem.objects.get(meeting__body=body, meeting__starts_at__date=day,
                                      title=title)

    for name, kind, description, registered, review, ended in REGISTER:
        registered_interest_save(interest=RegisteredInterest(
            person=people[name], kind=kind, description=description, registered_on=registered,
            review_on=review, ended_on=ended), by=by)
    for day, title, name, kind, interest, left_room in DECLARATIONS:
        declaration_save(declaration=Declaration(
            item=item_on(day, title), person=people[name], kind=kind, interest=interest,
            left_room=left_room), by=by)
    for day, title, text, owner, due in OPEN:
        action_save(action=Action(item=item_on(day, title), text=text, owner=people[owner],
                                  due_date=due), by=by)
    for text, done_on, note in DONE:
        action_complete(action=Action.objects.get(item__meeting__body=body, text=text),
                        on=done_on, note=note, by=by)
