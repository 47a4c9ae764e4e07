"""Meeting pages: thin views over selectors and services.

Every agenda item, and everything hanging off one, reaches a page through `visible_to(user)`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from trustboard.core.errors import RuleError
from trustboard.core.permissions import Permission, permission_required
from trustboard.core.views import form_page
from trustboard.meetings import selectors, services
from trustboard.meetings.calendar import icalendar_feed
from trustboard.meetings.forms import (
    ActionDoneForm,
    ActionForm,
    ActionLogForm,
    AgendaItemForm,
    AttendanceForm,
    ConfirmForm,
    CoverageForm,
    DecisionForm,
    DeclarationForm,
    ForwardPlanForm,
    KeyMessageForm,
    MeetingForm,
    MinutesApproveForm,
    MinutesSectionForm,
    NewsletterForm,
    PaperForm,
    RegisteredInterestForm,
    YearForm,
)
from trustboard.meetings.models import AgendaItem, KeyMessage, RegisteredInterest, StandardItem
from trustboard.meetings.papers import max_paper_bytes

run_meetings = permission_required(Permission.RUN_MEETINGS)


def _confirm(request) -> ConfirmForm:
    """A form bound by any post, even one carrying nothing (the button is the answer)."""
    return ConfirmForm(request.POST if request.method == "POST" else None)


def meeting_list(request):
    plans = selectors.forward_plan(today=timezone.localdate())
    days = [timezone.localtime(meeting.starts_at).date()
            for plan in plans for meeting in plan.upcoming + plan.past]
    clashes = selectors.forward_plan_clashes(start=min(days), end=max(days)) if days else []
    return render(request, "meetings/meeting_list.html", {
        "plans": plans, "clashes": clashes,
        "shows_register": request.user.is_authenticated or selectors.register_is_public()})


def _calendar(request, meetings, *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(icalendar_feed(meetings, name=name,
                                           absolute_uri=request.build_absolute_uri),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar(request):
    return _calendar(request, selectors.meeting_list(joint=True), name="Partnership meetings",
                     filename="meetings.ics")


def body_calendar(request, pk):
    body = selectors.body_get(pk=pk)
    return _calendar(request, selectors.meeting_list(body=body, joint=True), name=body.name,
                     filename=f"meetings-{body.pk}.ics")


def meeting_detail(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    sees_exempt = selectors.user_sees_exempt(request.user, meeting)
    items = selectors.agenda(request.user, meeting)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting,
        "items": items,
        "has_arising_item": any(getattr(item, "standard", "") == StandardItem.MATTERS_ARISING
                                for item in items),
        # Under "Declarations of interest": those on the items this reader may see.
        "declarations": [(item.number, declaration) for item in items
                         if not getattr(item, "is_line", False)
                         for declaration in item.declarations.all()],
        "attendance": selectors.meeting_attendance(meeting),
        "quorums": selectors.meeting_quorums(meeting),
        "started": selectors.meeting_has_started(meeting),
        "key_messages": selectors.meeting_key_messages(meeting, request.user),
        "packs": [(version, version.changes_for(sees_exempt=sees_exempt))
                  for version in selectors.pack_versions(meeting, sees_exempt=sees_exempt)],
        "sees_exempt": sees_exempt,
        "minutes": selectors.minutes_of(meeting),
        "matters_arising": selectors.matters_arising(meeting, request.user),
    })


def newsletter(request):
    cycle = None if request.GET else selectors.last_meeting_cycle(today=timezone.localdate())
    if cycle is not None:
        # No period asked for: the newsletter opens on the last meeting cycle.
        form = NewsletterForm({"from": cycle[0].isoformat(), "to": cycle[1].isoformat()})
    else:
        form = NewsletterForm(request.GET or None)
    context = {"form": form, "is_last_cycle": cycle is not None}
    if form.is_valid():
        start, end = form.cleaned_data["from"], form.cleaned_data["to"]
        context.update(start=start, end=end,
                       meetings=selectors.newsletter(start=start, end=end))
    template = "meetings/newsletter_email.html" if request.GET.get("format") == "email" \
        else "meetings/newsletter.html"
    return render(request, template, context)


@run_meetings
def meeting_create(request):
    form = MeetingForm(request.POST or None, initial={"body": request.GET.get("body")})
    return form_page(
        request, form=form, title="Add a meeting", back=reverse("meetings:meeting-list"),
        done="Meeting added.",
        intro="Its agenda starts with the standard items: apologies and substitutions, "
              "declarations of interest, minutes of the last meeting, matters arising, any "
              "other business and the date of the next meeting. Remove or move any of them.",
        save=lambda form: services.meeting_save(
            meeting=form.meeting(), joint_bodies=form.cleaned_data["joint_bodies"],
            by=request.user),
    )


@run_meetings
def forward_plan_generate(request):
    form = ForwardPlanForm(request.POST or None)

    def save(form):
        data = form.cleaned_data
        services.forward_plan_generate(
            body=data["body"], start=data["start"], end=data["end"], weekday=data["weekday"],
            hour=data["starts"].hour, minute=data["starts"].minute, by=request.user)
        return reverse("meetings:meeting-list")

    return form_page(request, form=form, save=save, title="Plan a body's meetings",
                     back=reverse("meetings:meeting-list"), done="Meetings planned.",
                     intro="Meetings are spread evenly over the period by how many times a year "
                           "the body meets, moved off weekends, bank holidays and days it "
                           "already meets. Running it again adds nothing.")


@run_meetings
def meeting_edit(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_from(meeting))
    return form_page(
        request, form=form, title=f"Change the meeting: {meeting}",
        back=meeting.get_absolute_url(), done="Meeting changed.",
        save=lambda form: services.meeting_save(
            meeting=form.meeting(meeting), joint_bodies=form.cleaned_data["joint_bodies"],
            by=request.user),
    )


@run_meetings
def meeting_cancel(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    return form_page(
        request, form=_confirm(request), title=f"Cancel the meeting: {meeting}",
        back=meeting.get_absolute_url(), done="Meeting cancelled.",
        intro="The meeting stays in the forward plan and calendar feeds marked cancelled; "
              "it never counts against anyone's attendance.", submit_label="Cancel the meeting",
        template="meetings/confirm.html", warning=True,
        save=lambda form: services.meeting_cancel(meeting=meeting, by=request.user),
    )


def _item_form_page(request, *, item: AgendaItem, title: str, done: str):
    form = AgendaItemForm(request.POST or None, instance=item)
    return form_page(
        request, form=form, title=title, back=item.meeting.get_absolute_url(), done=done,
        save=lambda form: services.agenda_item_save(item=form.save(commit=False),
                                                    by=request.user, **form.links()).meeting,
    )


@run_meetings
def item_create(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    return _item_form_page(request, item=AgendaItem(meeting=meeting), done="Agenda item added.",
                           title=f"Add an agenda item: {meeting}")


@run_meetings
def item_edit(request, pk):
    item = selectors.agenda_item_get(pk=pk)
    return _item_form_page(request, item=item, done="Agenda item changed.",
                           title=f"Change agenda item {item.number}: {item.meeting}")


@run_meetings
def item_delete(request, pk):
    item = selectors.agenda_item_get(pk=pk)
    return form_page(
        request, form=_confirm(request), title=f"Remove agenda item {item}",
        back=item.meeting.get_absolute_url(), done="Agenda item removed.",
        submit_label="Remove the item", template="meetings/confirm.html", warning=True,
        save=lambda form: services.agenda_item_delete(item=item, by=request.user),
    )


@run_meetings
def item_move(request, pk, direction):
    """Move an item one place up or down the agenda: a button on the meeting's page."""
    item = selectors.agenda_item_get(pk=pk)
    if request.method != "POST":
        return redirect(item.meeting.get_absolute_url() + f"#item-{item.number}")
    try:
        services.agenda_item_move(item=item, up=direction == "up", by=request.user)
    except RuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Moved \u201c{item.title}\u201d {direction}.")
    return redirect(item.meeting.get_absolute_url() + "#agenda")


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


@run_meetings
def paper_create(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    form = PaperForm(request.POST or None, request.FILES or None, meeting=meeting)

    def save(form):
        # A supplement's new pack version is published in the background: its job's page.
        return services.paper_add(by=request.user, **form.cleaned_data) or meeting

    limit = max_paper_bytes() // (1024 * 1024)
    return form_page(request, form=form, save=save, title=f"Add a paper: {meeting}",
                     back=meeting.get_absolute_url(), done="Paper added.", multipart=True,
                     intro=f"A PDF or Word (DOCX) document of up to {limit} MB. A Word "
                           "document is also laid out as a PDF, whose pages go into the agenda "
                           "pack; the original stays for download. Once the pack "
                           "is published, a new paper is a supplement and publishes the next "
                           "version of the pack in the background; you are shown its progress.")


def _file(field, *, filename: str, content_type: str, private: bool,
          attachment: bool = False) -> FileResponse:
    response = FileResponse(field.open("rb"), content_type=content_type,
                            as_attachment=attachment, filename=filename)
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


def paper_download(request, pk):
    """Serve a paper to whoever may see its item; an exempt paper is not found by anyone else."""
    paper = selectors.paper_get(user=request.user, pk=pk)
    item = paper.item
    return _file(paper.file, filename=f"item-{item.number}-paper-{paper.pk}.{paper.extension}",
                 content_type=paper.content_type, private=item.is_exempt,
                 attachment=not paper.is_pdf)


def paper_pdf_download(request, pk):
    """A Word paper's PDF rendition, under the same rule as the paper itself."""
    paper = selectors.paper_get(user=request.user, pk=pk)
    if paper.pack_file is None or paper.is_pdf:
        raise Http404("This paper has no PDF version.")
    item = paper.item
    return _file(paper.pdf_file, filename=f"item-{item.number}-paper-{paper.pk}.pdf",
                 content_type="application/pdf", private=item.is_exempt)


@run_meetings
def pack_publish(request, pk):
    """Confirm, then queue the pack; the job's page shows progress and links to the meeting."""
    meeting = selectors.meeting_get(pk=pk)
    return form_page(
        request, form=_confirm(request), back=meeting.get_absolute_url(),
        title=f"Publish the agenda pack: {meeting}",
        done="Publishing has started. This page shows its progress.",
        intro="The agenda and every paper (a Word paper as its PDF) go into one PDF with "
              "bookmarks and page numbers. "
              "The public pack leaves out exempt items; members of the body and officers get "
              "a full pack with them. Publishing runs in the background: you can follow it, "
              "or leave and come back.", submit_label="Publish the pack",
        template="meetings/confirm.html",
        save=lambda form: services.pack_publish_queue(meeting=meeting, by=request.user),
    )


def pack_download(request, pk, number, full=False):
    version = selectors.pack_version_get(meeting_pk=pk, number=number)
    meeting = version.meeting
    name = f"agenda-pack-{meeting.starts_at:%Y-%m-%d}-v{number}"
    if not full:
        if version.is_public:
            return _file(version.public_pdf, filename=f"{name}.pdf",
                         content_type="application/pdf", private=False)
        # Withdrawn from the public when an item in it became exempt; kept for members.
        if not selectors.user_sees_exempt(request.user, meeting):
            raise Http404("No such pack.")
        return _file(version.public_pdf, filename=f"{name}-withdrawn.pdf",
                     content_type="application/pdf", private=True)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not version.full_pdf or not selectors.user_sees_exempt(request.user, meeting):
        raise Http404("No full pack for you here.")
    return _file(version.full_pdf, filename=f"{name}-full.pdf", content_type="application/pdf",
                 private=True)


def minutes_detail(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    minutes = selectors.minutes_of(meeting)
    if minutes is None:
        raise Http404("No minutes yet.")
    return render(request, "meetings/minutes_detail.html", {
        "meeting": meeting, "minutes": minutes,
        "sections": selectors.minutes_entries(minutes, request.user),
    })


@run_meetings
def minutes_draft(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    return form_page(
        request, form=_confirm(request), back=meeting.get_absolute_url(),
        title=f"Draft the minutes: {meeting}", done="Minutes drafted.",
        intro="The draft is written from the agenda, attendance, declarations, decisions and "
              "actions as they stand. Drafting again replaces any edits to the draft.",
        submit_label="Draft the minutes", template="meetings/confirm.html",
        save=lambda form: services.minutes_draft(meeting=meeting, by=request.user),
    )


@run_meetings
def minutes_section_edit(request, pk):
    section = selectors.minutes_section_get(pk=pk)
    minutes = section.minutes
    form = MinutesSectionForm(request.POST or None, instance=section)
    return form_page(
        request, form=form, title=f"Change the minute: {section.heading}",
        back=minutes.get_absolute_url(), done="Minute changed.",
        save=lambda form: services.minutes_section_save(section=form.save(commit=False),
                                                        by=request.user).minutes,
    )


@run_meetings
def minutes_approve(request, pk):
    meeting = selectors.meeting_get(pk=pk)
    minutes = selectors.minutes_of(meeting)
    if minutes is None:
        raise Http404("No minutes yet.")
    if services.next_meeting(meeting) is None:
        return render(request, "meetings/minutes_approve_wait.html", {
            "meeting": meeting, "minutes": minutes}, status=200)
    form = MinutesApproveForm(request.POST or None, meeting=meeting)
    return form_page(
        request, form=form, title=f"Record the minutes approved: {meeting}",
        back=minutes.get_absolute_url(), done="Minutes approved; they can no longer change.",
        intro=f"Minutes are approved at the next meeting of {meeting.body.name}. Once "
              "approved they are frozen.", submit_label="Record approval",
        save=lambda form: services.minutes_approve(
            minutes=minutes, at=form.cleaned_data["approved_at"], by=request.user),
    )


def coverage(request):
    years = selectors.meeting_years()
    plans = selectors.plan_choices()
    first = plans.first()
    form = CoverageForm(request.GET or None, years=years,
                        initial={"year": years[0] if years else None, "plan": first})
    context = {"form": form, "years": years}
    if form.is_valid():
        plan, year = form.cleaned_data["plan"], form.cleaned_data["year"]
    elif not request.GET and first is not None and years:
        plan, year = first, years[0]
    else:
        plan = year = None
    if plan is not None:
        start, end = selectors.financial_year(year)
        context.update(year=year, coverage=selectors.agenda_coverage(
            plan=plan, start=start, end=end, user=request.user))
    return render(request, "meetings/coverage.html", context)


def attendance_report(request):
    years = selectors.meeting_years()
    form = YearForm(request.GET or None, years=years,
                    initial={"year": years[0] if years else None})
    year = form.cleaned_data["year"] if form.is_valid() else (
        years[0] if years and not request.GET else None)
    context = {"form": form, "year": year}
    if year is not None:
        start, end = selectors.financial_year(year)
        rates = selectors.attendance_rates(start=start, end=end)
        context.update(
            people=sorted(rates.people.items(), key=lambda pair: pair[0].name),
            organisations=sorted(rates.organisations.items(), key=lambda pair: pair[0].name),
            absent=selectors.key_decision_makers_absent(start=start, end=end))
    return render(request, "meetings/attendance.html", context)


# --- Declarations, the action log and the register of interests -----------------------------


@run_meetings
def declaration_create(request, pk):
    return _item_child_page(
        request, pk, form_class=DeclarationForm, title="Record a declaration of interest",
        done="Declaration recorded.",
        save_with=lambda declaration, by: services.declaration_save(declaration=declaration,
                                                                    by=by))


def action_log(request):
    """Open actions from every meeting, overdue first, filtered by body and owner."""
    form = ActionLogForm(request.GET or None, bodies=selectors.action_log_bodies(),
                         owners=selectors.action_log_owners())
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.action_log(user=request.user, today=timezone.localdate(),
                                   body=filters.get("body"), owner=filters.get("owner"))
    return render(request, "meetings/action_log.html", {
        "form": form, "entries": entries, "filtered": bool(filters.get("body")
                                                           or filters.get("owner")),
        "completable": {entry.action.pk for entry in entries
                        if services.user_can_complete_action(request.user, entry.action)},
    })


@login_required
def action_complete(request, pk):
    """The owner, or a clerk, marks an action done with a note."""
    action = selectors.action_get(user=request.user, pk=pk)
    if not services.user_can_complete_action(request.user, action):
        raise PermissionDenied("Only the action's owner or a clerk can mark it done.")
    form = ActionDoneForm(request.POST or None, initial={"done_on": timezone.localdate()})

    def save(form):
        services.action_complete(action=action, on=form.cleaned_data["done_on"],
                                 note=form.cleaned_data["note"], by=request.user)
        return reverse("meetings:action-log")

    return form_page(
        request, form=form, save=save, title=f"Mark the action done: {action.text}",
        back=reverse("meetings:action-log"), done="Action marked done.",
        intro=f"Owned by {action.owner.name}; raised at {action.item.meeting}, item "
              f"{action.item.number}.", submit_label="Mark done")


def register(request):
    """The register of members' interests: for the public only where the partnership
    publishes it (TRUSTBOARD_REGISTER_OF_INTERESTS_PUBLIC)."""
    if not request.user.is_authenticated and not selectors.register_is_public():
        return redirect_to_login(request.get_full_path())
    person = getattr(request.user, "person", None) if request.user.is_authenticated else None
    return render(request, "meetings/register.html", {
        "registers": selectors.register_of_interests(), "today": timezone.localdate(),
        "own_person": person, "is_public": selectors.register_is_public(),
        "keeps_all": services.user_can_edit_interests(request.user, None),
    })


def _interest_page(request, *, interest: RegisteredInterest, title: str, done: str):
    keeps_all = services.user_can_edit_interests(request.user, None)
    form = RegisteredInterestForm(request.POST or None, instance=interest,
                                  choose_person=keeps_all)
    return form_page(
        request, form=form, title=title, back=reverse("meetings:register"), done=done,
        save=lambda form: services.registered_interest_save(interest=form.save(commit=False),
                                                            by=request.user),
    )


@login_required
def interest_create(request):
    """A member adds to their own register; an officer to anyone's."""
    person = getattr(request.user, "person", None)
    if person is None and not services.user_can_edit_interests(request.user, None):
        raise PermissionDenied("Only a member with a place in the partnership has a register.")
    return _interest_page(request, interest=RegisteredInterest(person=person),
                          title="Add an interest to the register", done="Interest registered.")


@login_required
def interest_edit(request, pk):
    interest = selectors.registered_interest_get(pk=pk)
    if not services.user_can_edit_interests(request.user, interest.person):
        raise PermissionDenied("You can keep only your own register of interests.")
    return _interest_page(request, interest=interest,
                          title=f"Change a registered interest: {interest.person}",
                          done="Register of interests updated.")
