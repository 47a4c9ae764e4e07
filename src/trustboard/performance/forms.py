from django import forms

from trustboard.governance.models import Person
from trustboard.performance.models import Polarity, ValueType
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
                              "does not hold yet")
    polarity = forms.ChoiceField(
        required=False, choices=Polarity.choices, initial=Polarity.NO_JUDGEMENT,
        label="Polarity of indicators the import adds",
        help_text="Set it on each indicator later if unsure.")
