"""Forms for interviews, the review's option and its report, and the recommendations
register. They check the input's shape; the rules (a reason when not accepted, an owner and
a due date for an action, one number per source) live in the services."""

from __future__ import annotations

import datetime

from django import forms

from trustboard.core.forms import DateInput
from trustboard.reviews.followup_models import Interview
from trustboard.reviews.recommendation_models import (
    ActionStatus,
    Recommendation,
    RecommendationAction,
    RecommendationResponse,
    RecommendationSource,
)
from trustboard.reviews.report import DEFAULT_COMMITTEE


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["role", "organisation", "group", "held_on", "topic"]
        widgets = {"held_on": DateInput, "group": forms.RadioSelect}
        labels = {"role": "Interviewee's role or post", "held_on": "Date of the interview",
                  "group": "Interviewee is a", "topic": "Focus of the interview (optional)"}


class InterviewNoteForm(forms.Form):
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="A point the interviewee made, in their words or yours.")
    themes = forms.CharField(
        label="Themes", required=False,
        help_text="Separate themes with commas, e.g. Purpose and role, Communications. A new "
                  "theme is added to the review's themes.")

    def theme_names(self) -> list[str]:
        return [one.strip() for one in self.cleaned_data["themes"].split(",") if one.strip()]


class ReviewReportWriteForm(forms.Form):
    committee = forms.CharField(label="Committee or board it goes to", max_length=200,
                                initial=DEFAULT_COMMITTEE)
    meeting_date = forms.DateField(label="Date of the meeting", required=False,
                                   widget=DateInput)
    agenda_item = forms.CharField(label="Agenda item", max_length=20, required=False)
    report_of = forms.CharField(label="Report of", max_length=300, required=False,
                                help_text="The officer whose report it is.")
    contact = forms.CharField(label="Contact for enquiries", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="Name, job title and email, one to a line.")

    def params(self) -> dict:
        data = dict(self.cleaned_data)
        value = data["meeting_date"]
        data["meeting_date"] = value.isoformat() if isinstance(value, datetime.date) else None
        return data


class SourceForm(forms.ModelForm):
    class Meta:
        model = RecommendationSource
        fields = ["kind", "title", "made_by", "published_on", "addressed_to", "asks"]
        widgets = {"published_on": DateInput, "asks": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": "Kind of source", "published_on": "Date published (optional)",
                  "addressed_to": "Body that has to answer"}


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["number", "text", "addressed_to"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        labels = {"addressed_to": "Addressed to (optional)"}

    def validate_unique(self):
        """The service refuses a repeated number, naming it; nothing to check twice here."""


class ResponseForm(forms.Form):
    response = forms.ChoiceField(choices=RecommendationResponse.choices,
                                 widget=forms.RadioSelect)
    response_reason = forms.CharField(label="Reason", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Needed when the recommendation is not accepted or "
                                       "only partly accepted.")
    owner = forms.CharField(label="Owner", max_length=300, required=False,
                            help_text="Who answers for the recommendation, by post.")
    responded_on = forms.DateField(label="Date of the response", required=False,
                                   widget=DateInput)


class ActionForm(forms.ModelForm):
    class Meta:
        model = RecommendationAction
        fields = ["text", "owner", "due_on", "status", "progress", "updated_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_on": DateInput,
                   "updated_on": DateInput, "progress": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": "Action", "due_on": "Due", "updated_on": "Progress as at "
                                                                   "(optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service names a missing owner or date; the form lets it through to say so.
        self.fields["owner"].required = False
        self.fields["due_on"].required = False
        self.fields["status"].choices = ActionStatus.choices

    def _post_clean(self):
        """Leave the model's checks to the service, which refuses naming the field."""
        for name, value in self.cleaned_data.items():
            if name in self.fields:
                setattr(self.instance, name, "" if value is None and name == "owner"
                        else value)
