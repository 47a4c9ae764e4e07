"""The shape of what officers type; the rules stay in services."""

from datetime import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone

from trustboard.core.forms import DateInput, TimeInput
from trustboard.governance.models import Body, Person, Scenario
from trustboard.meetings.models import (
    Action,
    AgendaItem,
    AttendanceStatus,
    Decision,
    Declaration,
    KeyMessage,
    Meeting,
    MeetingStatus,
    MinutesSection,
    RegisteredInterest,
    current_membership_q,
)
from trustboard.performance.models import Indicator
from trustboard.plans.models import KeyAction, Plan, Priority


def bodies_in_force():
    """Only the bodies of the arrangement in force hold meetings; a proposed one's do not
    (until one arrangement is marked in force, every body may)."""
    bodies = Body.objects.order_by("name")
    if Scenario.objects.filter(is_current=True).exists():
        bodies = bodies.filter(scenario__is_current=True)
    return bodies


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label="Body",
                                  help_text="The body leading the meeting.")
    joint_bodies = forms.ModelMultipleChoiceField(
        queryset=Body.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Meeting jointly with",
        help_text="Other bodies meeting with it: their members attend, and each body is "
                  "quorate or not on its own.")
    date = forms.DateField(widget=DateInput)
    starts = forms.TimeField(label="Starts at", widget=TimeInput)
    ends = forms.TimeField(label="Ends at", required=False, widget=TimeInput,
                           help_text="Left blank, the body's usual length of meeting is used.")
    place = forms.CharField(max_length=300, required=False)
    status = forms.ChoiceField(choices=MeetingStatus.choices, initial=MeetingStatus.SCHEDULED)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies_in_force()
        self.fields["joint_bodies"].queryset = bodies_in_force()

    @staticmethod
    def initial_from(meeting: Meeting) -> dict:
        starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        # As the inputs show them: the shared field template prints the value as it is.
        return {"body": meeting.body_id, "date": f"{starts:%Y-%m-%d}", "starts": f"{starts:%H:%M}",
                "ends": f"{ends:%H:%M}", "place": meeting.place, "status": meeting.status,
                "joint_bodies": [body.pk for body in meeting.joint_bodies.all()]}

    def meeting(self, instance: Meeting | None = None) -> Meeting:
        """The meeting as typed: a new one, or `instance` changed to match."""
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        ends = data["ends"]
        meeting = instance or Meeting()
        meeting.body, meeting.place, meeting.status = data["body"], data["place"], data["status"]
        meeting.starts_at = datetime.combine(data["date"], data["starts"], tzinfo=zone)
        meeting.ends_at = datetime.combine(data["date"], ends, tzinfo=zone) if ends else None
        return meeting


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "purpose", "presenter", "summary", "is_exempt", "exempt_paragraph",
                  "public_title", "priorities", "key_actions", "indicators"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "purpose": forms.RadioSelect,
                   "priorities": forms.CheckboxSelectMultiple,
                   "key_actions": forms.CheckboxSelectMultiple,
                   "indicators": forms.CheckboxSelectMultiple}
        labels = {"is_exempt": "Exempt under Schedule 12A",
                  "exempt_paragraph": "Schedule 12A paragraph",
                  "public_title": "Name the public sees (exempt items only)",
                  "priorities": "Plan priorities this item covers",
                  "key_actions": "Key actions this item covers",
                  "indicators": "Indicators this item reports on"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = Person.objects.order_by("name")
        self.fields["exempt_paragraph"].help_text = "Only for an exempt item."
        self.fields["priorities"].queryset = Priority.objects.select_related("plan").order_by(
            "-plan__starts_on", "number")
        self.fields["key_actions"].queryset = KeyAction.objects.order_by(
            "-priority__plan__starts_on", "priority__number", "reference")
        self.fields["indicators"].queryset = Indicator.objects.order_by("name")
        for name in ("priorities", "key_actions", "indicators"):
            self.fields[name].help_text = "Used to show how well the year's agendas covered " \
                                          "the plan."

    def links(self) -> dict:
        return {name: self.cleaned_data[name]
                for name in ("priorities", "key_actions", "indicators")}

    def clean(self):
        data = super().clean()
        if data.get("is_exempt") and not data.get("exempt_paragraph"):
            self.add_error("exempt_paragraph", "Choose the paragraph of Schedule 12A that makes "
                                               "this item exempt.")
        return data


class AttendanceForm(forms.Form):
    """One set of radios for each member of the body: no JavaScript needed."""

    def __init__(self, *args, members, recorded: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        for membership in members:
            person = membership.person
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=person.name, required=False, choices=AttendanceStatus.choices,
                widget=forms.RadioSelect, initial=recorded.get(person.pk),
                help_text=membership.get_role_display(),
            )

    def statuses(self) -> dict[int, str]:
        return {int(name.removeprefix("person_")): value
                for name, value in self.cleaned_data.items()}


class _ItemChoiceMixin:
    def limit_items(self, meeting: Meeting) -> None:
        self.fields["item"].queryset = AgendaItem.objects.filter(meeting=meeting)


class DecisionForm(_ItemChoiceMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["item", "kind", "text", "target_body", "deadline", "is_public"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "deadline": DateInput}
        labels = {"item": "Agenda item", "text": "Decision",
                  "is_public": "Make it public (exempt items only)"}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_items(meeting)
        self.fields["text"].help_text = ("The minutes word it as a committee would, for "
                                         "example \u201cRESOLVED that the strategy be "
                                         "approved: ...\u201d.")
        self.fields["target_body"].queryset = (Body.objects.filter(scenario=meeting.body.scenario)
                                               .exclude(pk=meeting.body_id).order_by("name"))


class ActionForm(_ItemChoiceMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = ["item", "text", "owner", "due_date"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_date": DateInput}
        labels = {"item": "Agenda item", "text": "Action"}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_items(meeting)
        self.fields["owner"].queryset = Person.objects.order_by("name")


class KeyMessageForm(_ItemChoiceMixin, forms.ModelForm):
    class Meta:
        model = KeyMessage
        fields = ["text", "item"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": "Key message", "item": "From agenda item (optional)"}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_items(meeting)


class NewsletterForm(forms.Form):
    """The period of a newsletter, as ?from=YYYY-MM-DD&to=YYYY-MM-DD."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the fields are added by name.
        self.fields["from"] = forms.DateField(label="From", widget=DateInput)
        self.fields["to"] = forms.DateField(label="To", widget=DateInput)

    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to") and data["to"] < data["from"]:
            self.add_error("to", "The period must end after it starts.")
        return data


class PaperForm(forms.Form):
    item = forms.ModelChoiceField(queryset=AgendaItem.objects.none(), label="Agenda item")
    title = forms.CharField(max_length=300, label="Title of the paper")
    file = forms.FileField(label="File", help_text="A PDF or Word (DOCX) document.",
                           allow_empty_file=True)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = AgendaItem.objects.filter(meeting=meeting).order_by(
            "number")


class ConfirmForm(forms.Form):
    """A form with nothing to fill in: the button is the answer."""


class MinutesSectionForm(forms.ModelForm):
    class Meta:
        model = MinutesSection
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}
        labels = {"text": "Minute"}


class MinutesApproveForm(forms.Form):
    approved_at = forms.ModelChoiceField(queryset=Meeting.objects.none(),
                                         label="Approved at the meeting of",
                                         empty_label=None)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["approved_at"]
        field.queryset = (Meeting.objects.filter(body_id=meeting.body_id,
                                                 starts_at__gt=meeting.starts_at)
                          .exclude(status=MeetingStatus.CANCELLED).order_by("starts_at"))
        field.label_from_instance = lambda later: f"{timezone.localtime(later.starts_at):%-d %B %Y}"


class YearForm(forms.Form):
    """A financial year, as ?year=2012 for 2012-13."""

    year = forms.TypedChoiceField(coerce=int, label="Year")

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, f"{year}-{(year + 1) % 100:02d}")
                                       for year in years]


class CoverageForm(YearForm):
    plan = forms.ModelChoiceField(queryset=Plan.objects.order_by("-starts_on"), empty_label=None)

    field_order = ["plan", "year"]


class ForwardPlanForm(forms.Form):
    body = forms.ModelChoiceField(queryset=Body.objects.none())
    start = forms.DateField(label="From", widget=DateInput)
    end = forms.DateField(label="To", widget=DateInput)
    weekday = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="Meet on",
        choices=[("", "Any working day"), (0, "Monday"), (1, "Tuesday"), (2, "Wednesday"),
                 (3, "Thursday"), (4, "Friday")])
    starts = forms.TimeField(label="Starts at", widget=TimeInput, initial="10:00")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies_in_force().filter(meetings_per_year__isnull=False)

# --- Declarations, the action log and the register of interests -----------------------------


class DeclarationForm(_ItemChoiceMixin, forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["item", "person", "kind", "interest", "left_room"]
        widgets = {"interest": forms.Textarea(attrs={"rows": 3}), "kind": forms.RadioSelect}
        labels = {"item": "Agenda item", "person": "Who declared it",
                  "kind": "Kind of interest", "interest": "The interest",
                  "left_room": "They left the room for this item"}
        help_texts = {
            "kind": "As the code of conduct names it. A disclosable pecuniary or other "
                    "registrable interest is added to the member's register of interests.",
            "interest": "For example: \u201cDirector of the charity bidding for the "
                        "contract\u201d.",
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_items(meeting)
        day = timezone.localtime(meeting.starts_at).date()
        self.fields["person"].queryset = Person.objects.filter(
            Q(pk__in=meeting.body.memberships.filter(current_membership_q(day))
              .values("person_id"))
            | Q(pk__in=meeting.attendances.values("person_id"))).order_by("name")
        self.fields["person"].help_text = "Members of the body and those who attended."
        self.fields["kind"].choices = [choice for choice in self.fields["kind"].choices
                                       if choice[0]]


class ActionDoneForm(forms.Form):
    done_on = forms.DateField(label="Done on", widget=DateInput)
    note = forms.CharField(label="What was done", widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Read at the next meeting under matters arising.")


class ActionLogForm(forms.Form):
    """The log's filters, as ?body=3&owner=12."""

    body = forms.ModelChoiceField(queryset=Body.objects.none(), required=False,
                                  empty_label="All bodies")
    owner = forms.ModelChoiceField(queryset=Person.objects.none(), required=False,
                                   empty_label="Everyone")

    def __init__(self, *args, bodies, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["owner"].queryset = owners


class RegisteredInterestForm(forms.ModelForm):
    """An entry of the register; only an officer chooses whose it is."""

    class Meta:
        model = RegisteredInterest
        fields = ["person", "kind", "description", "registered_on", "review_on", "ended_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "kind": forms.RadioSelect,
                   "registered_on": DateInput, "review_on": DateInput, "ended_on": DateInput}
        labels = {"person": "Whose interest", "kind": "Kind of interest",
                  "description": "The interest", "registered_on": "Registered on",
                  "review_on": "Review by", "ended_on": "No longer held from"}
        help_texts = {"review_on": "Left blank, a year after it is registered."}

    def __init__(self, *args, choose_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_on"].required = False
        self.fields["kind"].choices = [choice for choice in self.fields["kind"].choices
                                       if choice[0]]
        if choose_person:
            self.fields["person"].queryset = Person.objects.order_by("name")
        else:
            del self.fields["person"]

    def clean(self):
        # Said beside the field here, so the model's constraint does not say it again above.
        data = super().clean()
        registered = data.get("registered_on")
        if registered and data.get("review_on") and data["review_on"] < registered:
            self.add_error("review_on", "The review falls on or after the date the interest "
                                        "was registered.")
        if registered and data.get("ended_on") and data["ended_on"] < registered:
            self.add_error("ended_on", "An interest ends on or after the date it was "
                                       "registered.")
        return data
