from django import forms

from trustboard.performance.models import Polarity, ValueType

COMPARISONS = [("", "Any"), ("better", "Better than England"), ("similar", "Similar to England"),
               ("worse", "Worse than England"), ("higher", "Higher than England"),
               ("lower", "Lower than England"), ("not compared", "Not compared")]


class IndicatorFilterForm(forms.Form):
    search = forms.CharField(required=False, label="Name contains")
    comparison = forms.ChoiceField(required=False, choices=COMPARISONS,
                                   label="Compared with England")
    polarity = forms.ChoiceField(required=False, choices=[("", "Any"), *Polarity.choices])
    value_type = forms.ChoiceField(required=False, choices=[("", "Any"), *ValueType.choices],
                                   label="Kind of value")
    stale = forms.ChoiceField(required=False, label="Data currency", choices=[
        ("", "Any"), ("yes", "Out of date"), ("no", "Up to date")])
