"""The shape of what officers type; the rules stay in services."""

from django import forms

from trustboard.commissioning.models import DecisionKind, NeedsTopic, Service
from trustboard.commissioning.selectors import decision_item_choices
from trustboard.meetings.models import AgendaItem, Meeting
from trustboard.performance.models import Indicator


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item):
        meeting = item.meeting
        return f"{meeting.body.name}, {meeting.starts_at:%-d %B %Y}: {item}"


class FindingChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, finding):
        engagement = finding.engagement
        return f"{finding.title} ({engagement})"


class CommissioningDecisionForm(forms.Form):
    kind = forms.ChoiceField(label="What was decided", choices=DecisionKind.choices,
                             widget=forms.RadioSelect)
    item = ItemChoiceField(queryset=AgendaItem.objects.none(), label="Agenda item",
                           help_text="The item of the deciding body's meeting at which the "
                                     "decision was taken.")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Reason")
    needs_topics = forms.ModelMultipleChoiceField(
        queryset=NeedsTopic.objects.order_by("title"), required=False,
        widget=forms.CheckboxSelectMultiple, label="Needs assessment topics cited")
    indicators = forms.ModelMultipleChoiceField(
        queryset=Indicator.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple, label="Indicators cited",
        help_text="Each indicator's published reading on the meeting's date is kept with the "
                  "decision.")
    findings = FindingChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        label="What children and families said (participation findings) cited")

    def __init__(self, *args, service: Service, **kwargs):
        from trustboard.participation.models import Finding

        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = decision_item_choices(service)
        linked = service.indicators.all()
        topics = service.needs_topics.all()
        self.fields["indicators"].queryset = (
            Indicator.objects.filter(pk__in=linked) | Indicator.objects.filter(
                needs_topics__in=topics)).distinct().order_by("name")
        if not self.fields["indicators"].queryset.exists():
            self.fields["indicators"].queryset = Indicator.objects.order_by("name")
        self.fields["findings"].queryset = Finding.objects.select_related(
            "engagement").order_by("-engagement__held_on", "pk")


class NeedsDocumentForm(forms.Form):
    title = forms.CharField(max_length=300)
    file = forms.FileField(required=False, allow_empty_file=True,
                           help_text="A PDF or Word (DOCX) document, checked as meeting "
                                     "papers are.")
    url = forms.URLField(required=False, label="Or a link", assume_scheme="https",
                         help_text="Where the document is published, if it is not uploaded.")


class ForwardPlanForm(forms.Form):
    months = forms.IntegerField(min_value=1, max_value=60, initial=12, required=False,
                                label="Contracts ending within (months)")
    as_at = forms.DateField(required=False, label="As at")


class ScheduleForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            body__scenario=service.scenario_id)
