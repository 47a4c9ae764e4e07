"""The shape of what officers enter; the rules stay in services."""

from django import forms

from trustboard.core.forms import DateInput
from trustboard.governance.models import Body, Person
from trustboard.meetings.models import Decision, DecisionKind, Meeting, MeetingStatus
from trustboard.plans.models import KeyAction, Priority
from trustboard.risks.models import (
    IMPACT_LABELS,
    LIKELIHOOD_LABELS,
    MitigatingAction,
    Risk,
    Strategy,
)

LIKELIHOOD_CHOICES = [("", "Choose")] + [(value, f"{value} {label}")
                                         for value, label in LIKELIHOOD_LABELS.items()]
IMPACT_CHOICES = [("", "Choose")] + [(value, f"{value} {label}")
                                     for value, label in IMPACT_LABELS.items()]


class AsAtForm(forms.Form):
    """The date the register is read as at, and the body, sent by GET."""

    as_at = forms.DateField(label="As at", required=False, widget=DateInput,
                            help_text="Left blank, the plan's reporting date.")
    body = forms.ModelChoiceField(label="Body", queryset=Body.objects.none(), required=False,
                                  empty_label="The whole partnership")

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.none()


def _scale(label: str, choices) -> forms.TypedChoiceField:
    # A TypedChoiceField coerces to int but lets the service name a value off the scale,
    # so a form posted with 6 reads the same refusal as the API or the importer.
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int)


class RiskForm(forms.ModelForm):
    inherent_likelihood = _scale("Inherent likelihood (before any control)", LIKELIHOOD_CHOICES)
    inherent_impact = _scale("Inherent impact", IMPACT_CHOICES)
    current_likelihood = _scale("Current likelihood", LIKELIHOOD_CHOICES)
    current_impact = _scale("Current impact", IMPACT_CHOICES)
    target_likelihood = _scale("Target likelihood", LIKELIHOOD_CHOICES)
    target_impact = _scale("Target impact", IMPACT_CHOICES)

    class Meta:
        model = Risk
        fields = ["reference", "title", "cause", "effect", "body", "owner", "priorities",
                  "identified_on", "inherent_likelihood", "inherent_impact",
                  "current_likelihood", "current_impact", "target_likelihood", "target_impact",
                  "target_is_achieved", "controls", "review_on", "status", "closed_on",
                  "is_issue", "occurred_on", "issue_impact", "response", "note"]
        widgets = {"identified_on": DateInput, "review_on": DateInput, "closed_on": DateInput,
                   "occurred_on": DateInput, "priorities": forms.CheckboxSelectMultiple,
                   "cause": forms.Textarea(attrs={"rows": 3}),
                   "effect": forms.Textarea(attrs={"rows": 3}),
                   "controls": forms.Textarea(attrs={"rows": 3}),
                   "issue_impact": forms.Textarea(attrs={"rows": 3}),
                   "response": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        # Every body is offered, so one of a proposed arrangement is refused by the service
        # with the reason, not by the form's "not one of the available choices".
        self.fields["body"].queryset = Body.objects.select_related("scenario").order_by(
            "-scenario__is_current", "scenario__name", "name")
        self.fields["owner"].queryset = Person.objects.order_by("name")
        self.fields["priorities"].queryset = Priority.objects.filter(plan=plan)
        if self.instance.pk is not None:
            # The current scores change through a dated review.
            for name in ("current_likelihood", "current_impact", "review_on"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "Record a review to change it."
            self.fields["identified_on"].disabled = True


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label="Reviewed on", widget=DateInput)
    likelihood = _scale("Current likelihood", LIKELIHOOD_CHOICES)
    impact = _scale("Current impact", IMPACT_CHOICES)
    next_review_on = forms.DateField(label="Next review", widget=DateInput)
    note = forms.CharField(label="What the review found", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class MitigationForm(forms.ModelForm):
    class Meta:
        model = MitigatingAction
        fields = ["text", "owner", "due_on", "key_action", "status", "done_on"]
        labels = {"text": "What is being done"}
        widgets = {"due_on": DateInput, "done_on": DateInput,
                   "text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"owner": "Leave blank only when the action is a key action of the plan."}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.order_by("name")
        self.fields["key_action"].queryset = KeyAction.objects.filter(
            priority__plan=plan).select_related("priority")


class EscalateForm(forms.Form):
    meeting = forms.ModelChoiceField(label="Meeting", queryset=Meeting.objects.none(),
                                     empty_label=None)

    def __init__(self, *args, risk: Risk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(body=risk.body).exclude(status=MeetingStatus.CANCELLED)
            .select_related("body").order_by("starts_at"))


class StrategyForm(forms.ModelForm):
    # An address typed without its scheme is taken as https (Django 6's default).
    url = forms.URLField(label="Link", required=False, max_length=500, assume_scheme="https",
                         help_text=Strategy._meta.get_field("url").help_text)

    class Meta:
        model = Strategy
        fields = ["title", "summary", "owner", "approved_by", "approved_on", "review_on",
                  "priorities", "url", "note"]
        widgets = {"approved_on": DateInput, "review_on": DateInput,
                   "priorities": forms.CheckboxSelectMultiple,
                   "summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"approved_on": "Left blank, the date of the meeting that approved it."}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.order_by("name")
        self.fields["approved_by"].queryset = (
            Decision.objects.filter(kind=DecisionKind.APPROVE_STRATEGY)
            .select_related("item__meeting__body").order_by("-item__meeting__starts_at"))
        self.fields["priorities"].queryset = Priority.objects.filter(plan=plan)
