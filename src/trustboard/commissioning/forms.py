"""The shape of what officers type; the rules stay in services."""

from django import forms
from django.db.models import Q
from django.forms.models import construct_instance

from trustboard.commissioning.models import (
    DecisionKind,
    FundingArrangement,
    NeedsTopic,
    PooledBasis,
    Service,
)
from trustboard.commissioning.selectors import decision_item_choices
from trustboard.core.forms import DateInput
from trustboard.governance.models import Body, Organisation, Person, Scenario
from trustboard.meetings.models import AgendaItem, Meeting
from trustboard.performance.models import Indicator
from trustboard.plans.models import Priority
from trustboard.risks.models import Strategy


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


class _RulesInServices(forms.ModelForm):
    """A model form that only carries what was typed onto the record: the services check it
    (`record_save` and their own rules), so each refusal names its field as they word it."""

    def _post_clean(self):
        self.instance = construct_instance(self, self.instance, self._meta.fields,
                                           self._meta.exclude)


def _bodies(scenario: Scenario | None, keep_pk: int | None):
    return Body.objects.filter(Q(scenario=scenario) | Q(pk=keep_pk)).order_by("name")


def _register_strategies():
    """The strategies register (one list of strategies for the whole partnership)."""
    return Strategy.objects.select_related("plan").order_by("plan__title", "title")


class NeedsTopicForm(_RulesInServices):
    class Meta:
        model = NeedsTopic
        fields = ["title", "summary", "owner_body", "approved_on", "next_review_on",
                  "indicators", "strategies"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "approved_on": DateInput,
                   "next_review_on": DateInput, "indicators": forms.CheckboxSelectMultiple,
                   "strategies": forms.CheckboxSelectMultiple}
        labels = {"indicators": "Evidence indicators",
                  "strategies": "Strategies that answer it"}
        help_texts = {"owner_body": "The body of the arrangement in force that owns and "
                                    "approves the topic (in Nottinghamshire, the Health and "
                                    "Wellbeing Board)."}

    def __init__(self, *args, scenario: Scenario | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_body"].queryset = _bodies(scenario, self.instance.owner_body_id)
        self.fields["indicators"].queryset = Indicator.objects.order_by("name")
        self.fields["strategies"].queryset = _register_strategies()


class ServiceForm(_RulesInServices):
    class Meta:
        model = Service
        fields = ["name", "description", "priorities", "needs_topics", "strategy",
                  "commissioning_body", "commissioning_partner", "lead_commissioner",
                  "provider", "provider_name", "contract_start", "contract_end",
                  "annual_value", "funding_arrangement", "pooled_basis", "funding_partners",
                  "indicators"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "priorities": forms.CheckboxSelectMultiple,
                   "needs_topics": forms.CheckboxSelectMultiple,
                   "contract_start": DateInput, "contract_end": DateInput,
                   "funding_arrangement": forms.RadioSelect, "pooled_basis": forms.RadioSelect,
                   "funding_partners": forms.CheckboxSelectMultiple,
                   "indicators": forms.CheckboxSelectMultiple}
        labels = {"priorities": "Plan priorities it serves",
                  "annual_value": "Annual value (£)"}
        help_texts = {"pooled_basis": "Only for a pooled fund.",
                      "funding_partners": "The partners in its funding arrangement: one for "
                                          "single funding, two or more for aligned or pooled."}

    def __init__(self, *args, scenario: Scenario | None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["commissioning_body"].queryset = _bodies(
            scenario, self.instance.commissioning_body_id)
        fields["priorities"].queryset = Priority.objects.select_related("plan").order_by(
            "plan__title", "number")
        fields["needs_topics"].queryset = NeedsTopic.objects.order_by("title")
        fields["strategy"].queryset = _register_strategies()
        fields["indicators"].queryset = Indicator.objects.order_by("name")
        fields["pooled_basis"].choices = PooledBasis.choices
        fields["annual_value"].widget.attrs.pop("min", None)
        for name in ("commissioning_partner", "provider", "funding_partners"):
            fields[name].queryset = Organisation.objects.order_by("name")
        fields["lead_commissioner"].queryset = Person.objects.order_by("name")


class BudgetYearForm(forms.Form):
    """A service's budget for one financial year: each funding partner's contribution, and
    for a pooled fund its total."""

    year = forms.IntegerField(label="Financial year starting in", min_value=2000,
                              max_value=2100,
                              help_text="The year the financial year starts: 2025 for 2025/26.")
    total = forms.DecimalField(label="Pooled fund's total (£)", required=False,
                               max_digits=12, decimal_places=2,
                               help_text="The partners' contributions must add up to it.")

    def __init__(self, *args, service: Service, initial_amounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if service.funding_arrangement != FundingArrangement.POOLED:
            del self.fields["total"]
        self.partners = list(service.funding_partners.order_by("name"))
        for partner in self.partners:
            self.fields[f"partner_{partner.pk}"] = forms.DecimalField(
                label=f"{partner.name} (£)", required=False, max_digits=12, decimal_places=2,
                initial=(initial_amounts or {}).get(partner.pk),
                help_text="Leave blank if it gives nothing this year.")
        others = Organisation.objects.exclude(pk__in=[p.pk for p in self.partners])
        self.fields["other_partner"] = forms.ModelChoiceField(
            queryset=others.order_by("name"), required=False, label="Another partner",
            help_text="A partner not yet in the funding arrangement, if it contributes.")
        self.fields["other_amount"] = forms.DecimalField(
            label="Its contribution (£)", required=False, max_digits=12, decimal_places=2)

    def clean(self):
        data = super().clean()
        if data.get("other_partner") and data.get("other_amount") is None:
            self.add_error("other_amount", "Give the other partner's contribution.")
        return data

    def contributions(self) -> dict:
        data = self.cleaned_data
        amounts = {partner: data[f"partner_{partner.pk}"] for partner in self.partners
                   if data.get(f"partner_{partner.pk}") is not None}
        if data.get("other_partner"):
            amounts[data["other_partner"]] = data["other_amount"]
        return amounts

    def field_of(self, name: str | None) -> str | None:
        """The field a service's refusal belongs beside: a partner outside the funding
        arrangement is the "Another partner" choice."""
        if name in self.fields:
            return name
        if name and name.startswith("partner_") and self.cleaned_data.get("other_partner"):
            return "other_partner"
        return None
