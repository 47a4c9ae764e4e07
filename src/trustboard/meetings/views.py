"""Meeting pages: thin views over selectors and services.

Every agenda item, and everything hanging off one, reaches a page through `visible_to(user)`.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from trustboard.core.permissions import Permission, permission_required
from trustboard.core.views import form_page
from trustboard.meetings import selectors, services
from trustboard.meetings.calendar import icalendar_feed
from trustboard.meetings.forms import (
    ActionForm,
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    KeyMessageForm,
    MeetingForm,
    NewsletterForm,
)
from trustboard.meetings.models import AgendaItem, KeyMessage
from trustboard.meetings.selectors import visible_items

run_meetings = permission_required(Permission.RUN_MEETINGS)


def meeting_list(request):
    return render(request, "meetings/meeting_list.html",
                  {"plans": selectors.forward_plan(today=timezone.localdate())})


def _calendar(meetings, *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(icalendar_feed(meetings, name=name),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar(request):
    return _calendar(selectors.meeting_list(), name="Partnership meetings",
                     filename="meetings.ics")


def body_calendar(request, pk):
    body = selectors.body_get(pk=pk)
    return _calendar(selectors.meeting_list(body=body), name=body.name,
                     filename=f"meetings-{body.pk}.ics")


def meeting_detail(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting,
        "items": visible_items(request.user, meeting),
        "attendance": selectors.meeting_attendance(meeting),
        "quorum": selectors.meeting_quorum(meeting),
        "key_messages": selectors.meeting_key_messages(meeting, request.user),
    })


def newsletter(request):
    form = NewsletterForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        start, end = form.cleaned_data["from"], form.cleaned_data["to"]
        context.update(start=start, end=end,
                       meetings=selectors.newsletter(start=start, end=end))
    template = "meetings/newsletter_email.html" if request.GET.get("format") == "email" \
        else "meetings/newsletter.html"
    return render(request, template, context)


@run_meetings
def meeting_create(request):
    form = MeetingForm(request.POST or None)
    return form_page(
        request, form=form, title="Add a meeting", back=reverse("meetings:meeting-list"),
        done="Meeting added.",
        save=lambda form: services.meeting_save(meeting=form.meeting(), by=request.user),
    )


@run_meetings
def item_create(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    form = AgendaItemForm(request.POST or None, instance=AgendaItem(meeting=meeting))
    return form_page(
        request, form=form, title=f"Add an agenda item: {meeting}",
        back=meeting.get_absolute_url(), done="Agenda item added.",
        save=lambda form: services.agenda_item_save(item=form.save(commit=False),
                                                    by=request.user).meeting,
    )


@run_meetings
def attendance_edit(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    recorded = {record.person_id: record.status for record in meeting.attendances.all()}
    form = AttendanceForm(request.POST or None, members=selectors.meeting_members(meeting),
                          recorded=recorded)

    def save(form):
        services.attendance_record(meeting=meeting, statuses=form.statuses(), by=request.user)
        return meeting

    return form_page(request, form=form, save=save, title=f"Record attendance: {meeting}",
                      back=meeting.get_absolute_url(), done="Attendance recorded.",
                      intro="Mark each member present, giving apologies or absent.")


def _item_child_page(request, pk, *, form_class, save_with, title: str, done: str):
    meeting = selectors.meeting_get(pk=pk)
    form = form_class(request.POST or None, meeting=meeting)

    def save(form):
        save_with(form.save(commit=False), by=request.user)
        return meeting

    return form_page(request, form=form, save=save, title=f"{title}: {meeting}",
                      back=meeting.get_absolute_url(), done=done)


@run_meetings
def decision_create(request, pk):
    return _item_child_page(
        request, pk, form_class=DecisionForm, title="Record a decision", done="Decision recorded.",
        save_with=lambda decision, by: services.decision_save(decision=decision, by=by))


@run_meetings
def action_create(request, pk):
    return _item_child_page(
        request, pk, form_class=ActionForm, title="Record an action", done="Action recorded.",
        save_with=lambda action, by: services.action_save(action=action, by=by))


@run_meetings
def key_message_create(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    form = KeyMessageForm(request.POST or None, meeting=meeting,
                          instance=KeyMessage(meeting=meeting))
    return form_page(
        request, form=form, title=f"Add a key message: {meeting}",
        back=meeting.get_absolute_url(), done="Key message added.",
        save=lambda form: services.key_message_save(message=form.save(commit=False),
                                                    by=request.user).meeting,
    )
