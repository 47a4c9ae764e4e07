from django import forms

from trustboard.core.forms import DateInput


class OutcomesAsAtForm(forms.Form):
    as_at = forms.DateField(
        required=False, label="As at", widget=DateInput,
        help_text="Each indicator's latest approved value for a period ending on or before "
                  "this date. Leave it empty for the plan's reporting date.",
        error_messages={"invalid": "Enter the 'as at' date as a real date, like 2012-09-30."})


class AuthoritySearchForm(forms.Form):
    q = forms.CharField(
        required=False, max_length=100, label="Find a local authority",
        help_text="Part of its name, or its code, like Nottinghamshire or E10000024.")
