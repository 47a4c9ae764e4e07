from django import forms

from trustboard.core.forms import DateInput
from trustboard.governance.models import Person
from trustboard.performance.models import Frequency, Indicator, Polarity, ValueType
from trustboard.plans.models import Priority

COMPARISONS = [("", "Any"), ("better", "Better than England"), ("similar", "Similar to England"),
               ("worse", "Worse than England"), ("higher", "Higher than England"),
               ("lower", "Lower than England"), ("not compared", "Not compared")]


class IndicatorFilterForm(forms.Form):
    search = forms.CharField(required=False, label="Name contains")
    owner = forms.ModelChoiceField(
        required=False, empty_label="Anyone", label="Owner",
        queryset=Person.objects.filter(indicators__isnull=False).distinct().order_by("name"))
    priority = forms.ModelChoiceField(
        required=False, empty_label="Any", label="Plan priority",
        queryset=Priority.objects.filter(indicators__isnull=False).distinct()
        .select_related("plan").order_by("plan__title", "number"))
    comparison = forms.ChoiceField(required=False, choices=COMPARISONS,
                                   label="Compared with England")
    polarity = forms.ChoiceField(required=False, choices=[("", "Any"), *Polarity.choices])
    value_type = forms.ChoiceField(required=False, choices=[("", "Any"), *ValueType.choices],
                                   label="Kind of value")
    stale = forms.ChoiceField(required=False, label="Data currency", choices=[
        ("", "Any"), ("yes", "Out of date"), ("no", "Up to date")])
    as_at = forms.DateField(
        required=False, label="As at", widget=DateInput,
        help_text="Each indicator's latest value for a period ending on or before this date.",
        error_messages={"invalid": "Enter the 'as at' date as a real date, like 2024-03-31."})


def _number_messages(what: str, example: str) -> dict[str, str]:
    return {"invalid": f"Enter {what} as a number, like {example}.",
            "required": f"Enter {what}."}


class IndicatorSettingsForm(forms.Form):
    """The settings an officer owns on an indicator; the service checks the rules."""

    name = forms.CharField(max_length=300, error_messages={
        "required": "Enter the indicator's name.",
        "max_length": "The indicator's name must be 300 characters or fewer."})
    definition = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text="What is counted, and of whom.")
    owner = forms.ModelChoiceField(
        required=False, empty_label="No owner", label="Owner",
        queryset=Person.objects.order_by("name"),
        help_text="The person who comments on its values from the plan pages.")
    polarity = forms.ChoiceField(choices=Polarity.choices, widget=forms.RadioSelect,
                                 error_messages={
                                     "required": "Choose the indicator's polarity.",
                                     "invalid_choice": "Choose the indicator's polarity: "
                                                       "higher is better, lower is better or "
                                                       "no judgement."})
    unit = forms.CharField(required=False, max_length=100,
                           help_text="What the value counts, e.g. 'per 10,000 aged 0 to 14'.")
    multiplier = forms.IntegerField(
        help_text="100 for a percentage, 10,000 for a rate per 10,000.",
        error_messages=_number_messages("the multiplier", "100"))
    frequency = forms.ChoiceField(choices=Frequency.choices, error_messages={
        "invalid_choice": "Choose how often the indicator is published."})
    frequency_months = forms.IntegerField(
        required=False, label="Months between values (when the frequency is 'Other')",
        help_text="A value older than this allows is flagged out of date.",
        error_messages=_number_messages("the months between values", "12"))
    publication_lag_months = forms.IntegerField(
        required=False, min_value=0, max_value=60,
        label="Months its publisher takes to publish a period's value",
        help_text="A value is out of date only once the next one was due: the period's end, "
                  "the months between values and this lag. Leave empty for the source's "
                  "usual lag.",
        error_messages=_number_messages("the months to publish", "8"))
    target_tolerance = forms.FloatField(
        required=False, label="Target tolerance",
        help_text="How far short of its target a value may fall and be amber, in the "
                  "indicator's units. Leave empty for no amber band.",
        error_messages=_number_messages("the target tolerance", "2.5"))
    target_period = forms.CharField(
        required=False, max_length=40, label="Set a target for the period",
        help_text="The period's label as the data gives it, e.g. 2024/25. Leave empty to keep "
                  "the targets as they are.",
        error_messages={"max_length": "The period's label must be 40 characters or fewer."})
    target_value = forms.FloatField(required=False, label="Target for that period",
                                    error_messages=_number_messages("the target", "75 or 12.5"))
    approval_required = forms.BooleanField(
        required=False, label="Publish only once approved",
        help_text="Public pages and open data show its values, and any commentary, only up "
                  "to the period an officer has approved.")

    def __init__(self, *args, indicator: Indicator, **kwargs):
        initial = {name: getattr(indicator, name) for name in (
            "name", "definition", "polarity", "unit", "multiplier", "frequency",
            "frequency_months", "publication_lag_months", "target_tolerance",
            "approval_required")}
        super().__init__(*args, initial={**initial, "owner": indicator.owner_id}, **kwargs)


class DataUploadForm(forms.Form):
    file = forms.FileField(
        label="Data file",
        help_text="A Fingertips CSV export, or a tidy CSV or Excel (XLSX) file as "
                  "docs/indicators-import.md describes.")
    format = forms.ChoiceField(
        required=False, label="Format",
        choices=[("", "Tell from the file's columns"), ("fingertips", "Fingertips export"),
                 ("tidy", "Tidy CSV or XLSX")])
    create_indicators = forms.BooleanField(
        required=False, label="Add the Fingertips indicators the file names that Trustboard "
                              "does not hold yet",
        help_text="Indicators the import adds start unpublished: the public sees their "
                  "values only once an officer has set each one's owner and definition and "
                  "approved it for publication.")
    polarity = forms.ChoiceField(
        required=False, choices=Polarity.choices, initial=Polarity.NO_JUDGEMENT,
        label="Polarity of indicators the import adds",
        help_text="Set it on each indicator later if unsure.")
