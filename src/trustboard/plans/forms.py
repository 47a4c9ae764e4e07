import datetime

from django import forms

from trustboard.plans.models import ActionStatus


class ActionUpdateForm(forms.Form):
    as_at = forms.DateField(label="Progress as at", widget=forms.DateInput(attrs={"type": "date"}),
                            initial=datetime.date.today)
    status = forms.ChoiceField(choices=ActionStatus.choices, widget=forms.RadioSelect)
    commentary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text="What has happened since the last update; the "
                                           "performance report quotes it.")


class AsAtForm(forms.Form):
    as_at = forms.DateField(label="Progress as at", required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
