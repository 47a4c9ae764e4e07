import datetime

from django import forms

from trustboard.commissioning.models import CommissioningDecision, NeedsTopic, Service
from trustboard.core.errors import RuleError
from trustboard.core.forms import DateInput
from trustboard.governance.models import Organisation, Person, Scenario
from trustboard.meetings.models import Decision
from trustboard.participation.models import (
    Engagement,
    Finding,
    Method,
    Response,
    ResponseKind,
    Topic,
)
from trustboard.participation.selectors import locality_list
from trustboard.participation.services import (
    COUNT_CATEGORIES,
    count_field_name,
    response_kind_check,
)
from trustboard.plans.models import KeyAction, Plan, Priority


class YouSaidWeDidForm(forms.Form):
    """The public page's filters, sent by GET so each view has its own address."""

    topic = forms.ModelChoiceField(queryset=Topic.objects.none(), required=False,
                                   to_field_name="slug", empty_label="Every topic")
    locality = forms.ModelChoiceField(queryset=locality_list(), required=False,
                                      to_field_name="code", empty_label="Everywhere")

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics


class EngagementForm(forms.ModelForm):
    topics = forms.CharField(
        help_text="What it was about, separated by commas, for example \"Mental health, "
                  "Leisure\". The public reads \"you said, we did\" under these headings.")

    class Meta:
        model = Engagement
        fields = ["title", "held_on", "locality", "method", "run_by_organisation",
                  "run_by_person", "summary", "plan", "scenario"]
        widgets = {"held_on": DateInput, "method": forms.RadioSelect,
                   "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = locality_list()
        self.fields["locality"].empty_label = "The whole area"
        self.fields["run_by_organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["run_by_person"].queryset = Person.objects.order_by("name")
        self.fields["plan"].queryset = Plan.objects.all()
        self.fields["scenario"].queryset = Scenario.objects.all()
        self.fields["method"].choices = Method.choices
        self.fields["scenario"].label = "Arrangement"
        if not self.instance.pk:
            self.initial["plan"] = Plan.objects.values_list("pk", flat=True).first()
            self.initial["scenario"] = Scenario.objects.filter(
                is_current=True).values_list("pk", flat=True).first()
        else:
            self.fields["topics"].initial = ", ".join(
                topic.name for topic in self.instance.topics.all())
        existing = ({(count.kind, count.category): count.count
                     for count in self.instance.counts.all()} if self.instance.pk else {})
        for kind, category, label in COUNT_CATEGORIES:
            self.fields[count_field_name(kind, category)] = forms.IntegerField(
                label=f"{label} ({'age' if kind == 'age band' else 'group'})",
                required=False, initial=existing.get((kind, category)),
                widget=forms.NumberInput(attrs={"type": "number"}))

    def topic_names(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["topics"].split(",") if name.strip()]

    def counts(self) -> dict[tuple[str, str], int | None]:
        return {(kind, category): self.cleaned_data.get(count_field_name(kind, category))
                for kind, category, _label in COUNT_CATEGORIES}


class FindingForm(forms.ModelForm):
    topic_name = forms.CharField(label="Topic", help_text="For example, Mental health.")

    class Meta:
        model = Finding
        fields = ["title", "said", "priorities", "needs_topics", "services"]
        widgets = {"said": forms.Textarea(attrs={"rows": 4}),
                   "priorities": forms.CheckboxSelectMultiple,
                   "needs_topics": forms.CheckboxSelectMultiple,
                   "services": forms.CheckboxSelectMultiple}

    def __init__(self, *args, engagement: Engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = Priority.objects.filter(plan=engagement.plan)
        self.fields["priorities"].help_text = "The plan's priorities this finding bears on."
        self.fields["needs_topics"].queryset = NeedsTopic.objects.order_by("title")
        self.fields["services"].queryset = Service.objects.filter(
            scenario=engagement.scenario).order_by("name")
        if self.instance.pk:
            self.fields["topic_name"].initial = self.instance.topic.name
        self.order_fields(["topic_name", "title", "said"])


class ResponseForm(forms.ModelForm):
    class Meta:
        model = Response
        fields = ["kind", "text", "will_by", "reason", "responded_on", "decision", "key_action",
                  "service_change"]
        widgets = {"kind": forms.RadioSelect, "will_by": DateInput, "responded_on": DateInput,
                   "text": forms.Textarea(attrs={"rows": 4}),
                   "reason": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": "Response"}

    def __init__(self, *args, engagement: Engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ResponseKind.choices
        if self.instance.responded_on is None:
            self.initial["responded_on"] = datetime.date.today()
        decision = self.fields["decision"]
        decision.queryset = Decision.objects.filter(
            item__meeting__body__scenario=engagement.scenario).select_related(
            "item__meeting__body").order_by("-item__meeting__starts_at", "pk")
        decision.label_from_instance = lambda row: (
            f"{row.item.meeting.body.name}, {row.item.meeting.starts_at:%-d %B %Y}: "
            f"{row.text[:90]}")
        decision.empty_label = "None"
        key_action = self.fields["key_action"]
        key_action.queryset = KeyAction.objects.filter(
            priority__plan=engagement.plan).select_related("priority")
        key_action.empty_label = "None"
        service_change = self.fields["service_change"]
        service_change.queryset = CommissioningDecision.objects.filter(
            service__scenario=engagement.scenario).select_related("service")
        service_change.label_from_instance = lambda row: (
            f"{row.get_kind_display()} {row.service.name}, {row.decided_on:%-d %B %Y}")
        service_change.empty_label = "None"

    def clean(self):
        """Name the field a "we will" or "we cannot" lacks, before the table's own check."""
        cleaned = super().clean()
        try:
            response_kind_check(kind=cleaned.get("kind"), will_by=cleaned.get("will_by"),
                                reason=cleaned.get("reason", ""))
        except RuleError as error:
            self.add_error(error.field, error.message)
        return cleaned
