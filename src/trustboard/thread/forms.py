from django import forms

from trustboard.core.forms import DateInput


class ThreadForm(forms.Form):
    """The date the thread is read as at, sent by GET so each reading has its own address."""

    as_at = forms.DateField(label="As at", required=False, widget=DateInput,
                            help_text="Progress, values and meetings up to this date. "
                                      "Left blank, the plan's reporting date.")
