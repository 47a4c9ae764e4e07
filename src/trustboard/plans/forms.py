import datetime

from django import forms
from django.db.models import Q

from trustboard.core.forms import DateInput
from trustboard.governance.models import Body, Person
from trustboard.performance.models import Area, AreaKind
from trustboard.plans.models import ActionStatus, KeyAction, Priority


def _today() -> datetime.date:
    return datetime.date.today()


class ActionUpdateForm(forms.Form):
    as_at = forms.DateField(label="Progress as at", widget=DateInput,
                            initial=_today)
    status = forms.ChoiceField(choices=ActionStatus.choices, widget=forms.RadioSelect)
    commentary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text="What has happened since the last update; the "
                                           "performance report quotes it.")


class ReportingDateForm(forms.Form):
    reporting_date = forms.DateField(
        label="Reporting date", required=False, widget=DateInput,
        help_text="The date the plan page, dashboard, exceptions, leads' updates, the "
                  "indicator list and new reports read as at, unless a reader chooses "
                  "another: usually the end of the latest six months, for example "
                  "30 September. Leave empty to use the date of the latest progress update.")


class AsAtForm(forms.Form):
    as_at = forms.DateField(label="Progress as at", required=False,
                            widget=DateInput)


class DashboardForm(forms.Form):
    """The dashboard's filters, sent by GET so every view of it has its own address."""

    as_at = forms.DateField(label="As at", required=False, widget=DateInput,
                            help_text="Values and progress "
                                      "reported by this date.")
    body = forms.ModelChoiceField(label="Accountable body", queryset=Body.objects.none(),
                                  required=False, empty_label="Every body")
    owner = forms.ModelChoiceField(label="Lead officer or indicator owner",
                                   queryset=Person.objects.none(), required=False,
                                   empty_label="Anyone")
    locality = forms.ModelChoiceField(label="District or locality", queryset=Area.objects.none(),
                                      required=False, empty_label="The whole area")
    exceptions = forms.BooleanField(label="Only what is outside tolerance", required=False)

    def __init__(self, *args, plan, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(priorities__plan=plan).distinct()
        self.fields["owner"].queryset = Person.objects.filter(
            Q(key_actions__priority__plan=plan) | Q(indicators__priorities__plan=plan)
        ).distinct().order_by("name")
        self.fields["locality"].queryset = (Area.objects.filter(
            parent=area, kind__in=[AreaKind.DISTRICT, AreaKind.LOCALITY]).order_by("kind", "name")
            if area else Area.objects.none())


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["number", "title", "outcome", "accountable_body", "indicators"]
        widgets = {"indicators": forms.CheckboxSelectMultiple,
                   "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accountable_body"].queryset = Body.objects.select_related(
            "scenario").filter(scenario__is_current=True)


class KeyActionForm(forms.ModelForm):
    class Meta:
        model = KeyAction
        fields = ["reference", "title", "lead_officer", "lead_organisation", "due_on",
                  "indicators"]
        widgets = {"indicators": forms.CheckboxSelectMultiple, "due_on": DateInput,
                   "title": forms.Textarea(attrs={"rows": 2})}


class MyUpdatesForm(forms.Form):
    """One page for a lead: a status and commentary for each action they lead, and a
    commentary on the latest value of each indicator they own."""

    as_at = forms.DateField(label="Progress as at", widget=DateInput, initial=_today)

    def __init__(self, *args, actions, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.actions, self.indicators = actions, indicators
        for item in actions:
            pk = item.action.pk
            self.fields[f"status_{pk}"] = forms.ChoiceField(
                label="Status", choices=ActionStatus.choices, initial=item.recorded_status)
            self.fields[f"commentary_{pk}"] = forms.CharField(
                label="Commentary", required=False, initial=item.commentary,
                widget=forms.Textarea(attrs={"rows": 3}))
        for item in indicators:
            self.fields[f"indicator_{item.indicator.pk}"] = forms.CharField(
                label=f"Commentary on {item.period}", required=False,
                initial=item.commentary_text,
                widget=forms.Textarea(attrs={"rows": 3}))

    def rows(self):
        """(action performance, status field, commentary field) for the template."""
        return [(item, self[f"status_{item.action.pk}"], self[f"commentary_{item.action.pk}"])
                for item in self.actions]

    def indicator_rows(self):
        return [(item, self[f"indicator_{item.indicator.pk}"]) for item in self.indicators]


class ApprovalForm(forms.Form):
    indicator = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=500)


class CommentaryApprovalForm(forms.Form):
    update = forms.IntegerField(widget=forms.HiddenInput)
