import datetime

from django import forms

from trustboard.core.forms import DateInput
from trustboard.plans.models import Plan
from trustboard.plans.selectors import current_reporting_date
from trustboard.reports.models import ReportKind
from trustboard.reports.sections import (
    OFFICER_HINTS,
    OFFICER_SECTIONS,
    UPDATE_RECIPIENTS,
)

MARKUP_HINT = ("Leave a blank line between paragraphs. Start a line with “- ” for a point and "
               "“  - ” for an item under it.")
CARRIED_HINT = ("Left empty, nothing is written here. Once this report is issued, this text "
                "is carried forward to the next report, to bring up to date.")


class ReportWriteForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of report",
                             choices=[(value, label) for value, label in ReportKind.choices
                                      if value != ReportKind.REVIEW],
                             initial=ReportKind.PERFORMANCE, widget=forms.RadioSelect)
    plan = forms.ModelChoiceField(queryset=Plan.objects.order_by("-starts_on", "title"),
                                  empty_label=None)
    as_at = forms.DateField(label="Progress and figures as at", widget=DateInput,
                            help_text="For example, the end of September for the six months "
                                      "April to September.")
    committee = forms.CharField(
        label="Committee or board it goes to", max_length=200,
        initial="Children and Young People's Committee",
        help_text="For an update, the body it goes to: " + ", ".join(UPDATE_RECIPIENTS) + ".")
    meeting_date = forms.DateField(label="Date of the meeting", required=False,
                                   widget=DateInput)
    agenda_item = forms.CharField(label="Agenda item", max_length=20, required=False)
    report_of = forms.CharField(
        label="Report of", max_length=300, required=False,
        initial="Corporate Director for Children, Families and Cultural Services",
        help_text="The officer whose report it is, as the title block names them.")
    contact = forms.CharField(
        label="Contact for enquiries", required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Name, job title, telephone and email, one to a line.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_at"].initial = current_reporting_date()

    def params(self) -> dict:
        """The form's values as a background job keeps them (JSON)."""
        data = dict(self.cleaned_data)
        data["plan"] = data["plan"].pk
        for name in ("as_at", "meeting_date"):
            value = data[name]
            data[name] = value.isoformat() if isinstance(value, datetime.date) else None
        return data


def _help_text(section: dict) -> str:
    if section["key"] in OFFICER_SECTIONS:
        return " ".join([OFFICER_HINTS[section["key"]], CARRIED_HINT, MARKUP_HINT])
    return MARKUP_HINT if section.get("style") != "plain" else ""


class ReportEditForm(forms.Form):
    """The title block and one text box per section, built from the report's sections
    (a six-monthly report's four officer sections among them, empty or not)."""

    title = forms.CharField(max_length=300)
    committee = forms.CharField(label="Committee or board", max_length=200)
    meeting_date = forms.DateField(label="Date of the meeting", required=False,
                                   widget=DateInput)
    agenda_item = forms.CharField(label="Agenda item", max_length=20, required=False)
    report_of = forms.CharField(label="Report of", max_length=300, required=False)

    def __init__(self, *args, report, **kwargs):
        initial = {name: getattr(report, name) for name in
                   ("title", "committee", "meeting_date", "agenda_item", "report_of")}
        sections = report.sections
        for section in sections:
            initial[f"section_{section['key']}"] = section["text"]
        super().__init__(*args, initial=initial, **kwargs)
        self.section_keys = []
        for section in sections:
            name = f"section_{section['key']}"
            label = section.get("label") or section["heading"] or "Signature and contact"
            lines = section["text"].count("\n") + 3
            self.fields[name] = forms.CharField(
                label=label, required=False,
                widget=forms.Textarea(attrs={"rows": min(max(lines, 3), 30)}),
                help_text=_help_text(section))
            self.section_keys.append(section["key"])

    def changes(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in
                  ("title", "committee", "meeting_date", "agenda_item", "report_of")}
        fields["sections"] = {key: data[f"section_{key}"] for key in self.section_keys}
        return fields
