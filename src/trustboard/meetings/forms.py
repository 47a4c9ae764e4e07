"""The shape of what officers type; the rules stay in services."""

from datetime import datetime

from django import forms
from django.utils import timezone

from trustboard.governance.models import Body, Person
from trustboard.meetings.models import (
    Action,
    AgendaItem,
    AttendanceStatus,
    Decision,
    KeyMessage,
    Meeting,
    MeetingStatus,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, body):
        return f"{body.name} ({body.scenario.name})"


class MeetingForm(forms.Form):
    body = BodyChoiceField(queryset=Body.objects.select_related("scenario")
                           .order_by("-scenario__is_current", "scenario__name", "name"))
    date = forms.DateField(widget=DateInput)
    starts = forms.TimeField(label="Starts at", widget=TimeInput)
    ends = forms.TimeField(label="Ends at", required=False, widget=TimeInput,
                           help_text="Left blank, the body's usual length of meeting is used.")
    place = forms.CharField(max_length=300, required=False)
    status = forms.ChoiceField(choices=MeetingStatus.choices, initial=MeetingStatus.SCHEDULED)

    def meeting(self) -> Meeting:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        ends = data["ends"]
        return Meeting(
            body=data["body"], place=data["place"], status=data["status"],
            starts_at=datetime.combine(data["date"], data["starts"], tzinfo=zone),
            ends_at=datetime.combine(data["date"], ends, tzinfo=zone) if ends else None,
        )


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "purpose", "presenter", "summary", "is_exempt", "exempt_paragraph"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "purpose": forms.RadioSelect}
        labels = {"is_exempt": "Exempt under Schedule 12A",
                  "exempt_paragraph": "Schedule 12A paragraph"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = Person.objects.order_by("name")
        self.fields["exempt_paragraph"].help_text = "Only for an exempt item."

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
        fields = ["item", "kind", "text", "target_body", "deadline"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "deadline": DateInput}
        labels = {"item": "Agenda item", "text": "Decision"}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_items(meeting)
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
