"""The shape of what officers type; the rules stay in services."""

from django import forms

from trustboard.core.forms import DateInput
from trustboard.governance.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Relationship,
    Scenario,
)


class LinesField(forms.CharField):
    """A list typed one item a line, as terms of reference are written."""

    widget = forms.Textarea(attrs={"rows": 8})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip(" •·-\t") for line in (value or "").splitlines() if line.strip()]


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "sector", "is_relevant_partner", "is_safeguarding_partner"]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "job_title", "organisation", "seniority_tier", "is_elected_member",
                  "email"]


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = Scenario
        fields = ["name", "description", "is_current", "organisations"]
        widgets = {"organisations": forms.CheckboxSelectMultiple,
                   "description": forms.Textarea(attrs={"rows": 3})}


class ScenarioCopyForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="For example, proposed 2016.")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class BodyForm(forms.ModelForm):
    responsibilities = LinesField(required=False, help_text="One responsibility a line.")

    class Meta:
        model = Body
        fields = ["name", "kind", "is_partnership_board", "purpose", "responsibilities",
                  "meetings_per_year", "meeting_hours", "quorum", "locality",
                  "is_membership_partial", "replaces"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}),
                   "replaces": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.instance.scenario.based_on
        if source is None:
            del self.fields["replaces"]
        else:
            self.fields["replaces"].queryset = source.bodies.order_by("name")
            self.fields["replaces"].label = f"Bodies of {source} it replaces"


class BodyMergeForm(forms.Form):
    bodies = forms.ModelMultipleChoiceField(
        queryset=Body.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text="Their members, responsibilities and reporting lines are combined.",
    )
    name = forms.CharField(max_length=200, label="Name of the merged body")

    def __init__(self, *args, scenario: Scenario, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = scenario.bodies.order_by("name")


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "represents", "seniority_tier", "start_date", "end_date"]
        widgets = {"represents": forms.CheckboxSelectMultiple,
                   "start_date": DateInput,
                   "end_date": DateInput}


class RelationshipForm(forms.ModelForm):
    class Meta:
        model = Relationship
        fields = ["source", "kind", "target", "times_per_year", "note"]
        labels = {"source": "From", "target": "To"}

    def __init__(self, *args, scenario: Scenario, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("source", "target"):
            self.fields[name].queryset = scenario.bodies.order_by("name")


class CompareForm(forms.Form):
    before = forms.ModelChoiceField(queryset=Scenario.objects.all(), to_field_name="slug",
                                    label="Compare", empty_label=None)
    after = forms.ModelChoiceField(queryset=Scenario.objects.all(), to_field_name="slug",
                                   label="with", empty_label=None)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("before") and cleaned.get("before") == cleaned.get("after"):
            self.add_error("after", "Choose a different scenario to compare with.")
        return cleaned


class StructureUploadForm(forms.Form):
    file = forms.FileField(label="Structure file (YAML)",
                           widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml"}))
    name = forms.CharField(max_length=100, required=False, label="Name for the new scenario",
                           help_text="Leave blank to use the name in the file.")
