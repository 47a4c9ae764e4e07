"""Structure pages: thin views over selectors and services."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from trustboard.core.errors import ImportRowError, RuleError
from trustboard.core.permissions import Permission, permission_required, user_can
from trustboard.core.selectors import history_of
from trustboard.core.views import form_page
from trustboard.governance import selectors, services
from trustboard.governance.checks import scenario_findings
from trustboard.governance.diagram import DiagramError, scenario_diagram_svg
from trustboard.governance.forms import (
    BodyForm,
    BodyMergeForm,
    CompareForm,
    MembershipForm,
    OrganisationForm,
    PersonForm,
    RelationshipForm,
    ScenarioCopyForm,
    ScenarioForm,
    StructureUploadForm,
)
from trustboard.governance.metrics import body_hours, scenario_comparison
from trustboard.governance.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Relationship,
    Scenario,
)
from trustboard.governance.structure_file import scenario_export_yaml, scenario_import_yaml

edit_required = permission_required(Permission.EDIT_STRUCTURE)


def _history(request, record):
    return history_of(record) if user_can(request.user, Permission.VIEW_HISTORY) else None


def _diagram(scenario, **options) -> str:
    """The inline SVG, or a plain sentence if Graphviz cannot draw it; the tables still show."""
    try:
        return scenario_diagram_svg(scenario, **options)
    except DiagramError as error:
        return format_html('<p class="govuk-body">{}</p>', error.message)


def _confirm_page(request, *, title: str, warning: str, back: str, delete, done: str, then: str):
    if request.method == "POST":
        try:
            delete()
        except RuleError as error:
            messages.error(request, error.message)
            return redirect(back)
        messages.success(request, done)
        return redirect(then)
    return render(request, "governance/confirm_delete.html",
                  {"title": title, "warning": warning, "back": back})


# Scenarios

def scenario_list(request):
    scenarios = list(selectors.scenario_list())
    slugs = [scenario.slug for scenario in scenarios]
    return render(request, "governance/scenario_list.html", {
        "scenarios": scenarios,
        "compare_form": CompareForm(initial={"before": slugs[:1] and slugs[0],
                                             "after": slugs[1:2] and slugs[1]}),
    })


def scenario_detail(request, slug):
    scenario = selectors.scenario_get(slug=slug)
    structure = selectors.scenario_structure(scenario=scenario)
    return render(request, "governance/scenario_detail.html", {
        "scenario": scenario,
        "relationships": structure.relationships,
        "hours": body_hours(scenario, structure=structure),
        "findings": scenario_findings(scenario, structure=structure),
        "diagram": _diagram(scenario, structure=structure),
        "history": _history(request, scenario),
    })


def scenario_diagram(request, slug):
    scenario = selectors.scenario_get(slug=slug)
    response = HttpResponse(scenario_diagram_svg(scenario), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="{scenario.slug}-structure.svg"'
    return response


def scenario_file(request, slug):
    scenario = selectors.scenario_get(slug=slug)
    response = HttpResponse(scenario_export_yaml(scenario),
                            content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{scenario.slug}.yaml"'
    return response


def scenario_checks(request, slug):
    scenario = selectors.scenario_get(slug=slug)
    return render(request, "governance/scenario_checks.html",
                  {"scenario": scenario, "findings": scenario_findings(scenario)})


def scenario_compare(request):
    form = CompareForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        before, after = form.cleaned_data["before"], form.cleaned_data["after"]
        context.update(comparison=scenario_comparison(before, after),
                       diagrams=[(before, _diagram(before)), (after, _diagram(after))])
    return render(request, "governance/scenario_compare.html", context)


@edit_required
def scenario_edit(request, slug=None):
    scenario = selectors.scenario_get(slug=slug) if slug else Scenario()
    form = ScenarioForm(request.POST or None, instance=scenario)

    def save(form):
        return services.scenario_save(scenario=form.save(commit=False), by=request.user,
                                      organisations=form.cleaned_data["organisations"])

    return form_page(request, form=form, save=save,
                      title=f"Edit {scenario}" if slug else "Start an empty scenario",
                      back=scenario.get_absolute_url() if slug
                      else reverse("governance:scenario-list"), done="Scenario saved.")


@edit_required
def scenario_copy(request, slug):
    source = selectors.scenario_get(slug=slug)
    form = ScenarioCopyForm(request.POST or None)
    return form_page(
        request, form=form, title=f"Copy {source} to start a proposal",
        back=source.get_absolute_url(), done="Scenario copied.",
        intro="The copy has the same bodies, members and reporting lines. "
              "Change the copy; the original stays as it is.",
        save=lambda form: services.scenario_copy(source=source, by=request.user,
                                                 **form.cleaned_data),
    )


@edit_required
def scenario_delete(request, slug):
    scenario = selectors.scenario_get(slug=slug)
    return _confirm_page(
        request, title=f"Delete {scenario}",
        warning="Its bodies, memberships and reporting lines are deleted with it.",
        back=scenario.get_absolute_url(), then=reverse("governance:scenario-list"),
        done=f"{scenario} deleted.",
        delete=lambda: services.scenario_delete(scenario=scenario, by=request.user),
    )


@edit_required
def scenario_import(request):
    form = StructureUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8")
            scenario = scenario_import_yaml(text, by=request.user,
                                            name=form.cleaned_data["name"] or None,
                                            source=upload.name)
        except UnicodeDecodeError:
            form.add_error("file", f"{upload.name} is not UTF-8 text.")
        except (ImportRowError, RuleError) as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, f"Imported {scenario}.")
            return redirect(scenario)
    return render(request, "core/form.html", {
        "form": form, "title": "Import a structure file", "multipart": True,
        "back": reverse("governance:scenario-list"),
        "intro": "A YAML structure file, as exported from Trustboard or drafted by hand. "
                 "It becomes a new scenario; nothing is written if any line is wrong.",
    })


@edit_required
def body_merge(request, slug):
    scenario = selectors.scenario_get(slug=slug)
    form = BodyMergeForm(request.POST or None, scenario=scenario)
    return form_page(
        request, form=form, title="Merge bodies", back=scenario.get_absolute_url(),
        done="Bodies merged.",
        save=lambda form: services.body_merge(bodies=list(form.cleaned_data["bodies"]),
                                              name=form.cleaned_data["name"],
                                              by=request.user).body,
    )


# Bodies

def body_detail(request, slug, pk):
    scenario = selectors.scenario_get(slug=slug)
    body = selectors.body_get(scenario=scenario, pk=pk)
    return render(request, "governance/body_detail.html", {
        "scenario": scenario, "body": body, "lines": selectors.body_lines(body=body),
        "history": _history(request, body),
    })


@edit_required
def body_edit(request, slug, pk=None):
    scenario = selectors.scenario_get(slug=slug)
    body = selectors.body_get(scenario=scenario, pk=pk) if pk else Body(scenario=scenario)
    form = BodyForm(request.POST or None, instance=body)
    return form_page(
        request, form=form, title=f"Edit {body}" if pk else "Add a body",
        back=body.get_absolute_url() if pk else scenario.get_absolute_url(), done="Body saved.",
        save=lambda form: services.body_save(body=form.save(commit=False), by=request.user,
                                             replaces=form.cleaned_data.get("replaces")),
    )


@edit_required
def body_delete(request, slug, pk):
    scenario = selectors.scenario_get(slug=slug)
    body = selectors.body_get(scenario=scenario, pk=pk)
    return _confirm_page(
        request, title=f"Delete {body}",
        warning="Its memberships and reporting lines are deleted with it.",
        back=body.get_absolute_url(), then=scenario.get_absolute_url(), done=f"{body} deleted.",
        delete=lambda: services.body_delete(body=body, by=request.user),
    )


@edit_required
def membership_edit(request, slug, pk, membership_pk=None):
    scenario = selectors.scenario_get(slug=slug)
    body = selectors.body_get(scenario=scenario, pk=pk)
    membership = (selectors.membership_get(body=body, pk=membership_pk) if membership_pk
                  else Membership(body=body))
    form = MembershipForm(request.POST or None, instance=membership)
    return form_page(
        request, form=form, title=f"Member of {body}", back=body.get_absolute_url(),
        done="Membership saved.",
        save=lambda form: services.membership_save(
            membership=form.save(commit=False), by=request.user,
            represents=form.cleaned_data["represents"]).body,
    )


@edit_required
def membership_delete(request, slug, pk, membership_pk):
    scenario = selectors.scenario_get(slug=slug)
    body = selectors.body_get(scenario=scenario, pk=pk)
    membership = selectors.membership_get(body=body, pk=membership_pk)
    return _confirm_page(
        request, title=f"Remove {membership.person} from {body}", warning="",
        back=body.get_absolute_url(), then=body.get_absolute_url(), done="Member removed.",
        delete=lambda: services.membership_delete(membership=membership, by=request.user),
    )


@edit_required
def relationship_edit(request, slug, pk=None):
    scenario = selectors.scenario_get(slug=slug)
    relationship = (selectors.relationship_get(scenario=scenario, pk=pk) if pk
                    else Relationship(scenario=scenario))
    form = RelationshipForm(request.POST or None, scenario=scenario, instance=relationship)
    return form_page(
        request, form=form, title="Change a reporting line" if pk else "Add a reporting line",
        back=scenario.get_absolute_url(),
        done="Line saved.",
        save=lambda form: services.relationship_save(
            relationship=form.save(commit=False), by=request.user).scenario,
    )


@edit_required
@require_POST
def relationship_delete(request, slug, pk):
    scenario = selectors.scenario_get(slug=slug)
    relationship = selectors.relationship_get(scenario=scenario, pk=pk)
    services.relationship_delete(relationship=relationship, by=request.user)
    messages.success(request, f"Removed: {relationship}.")
    return redirect(scenario)


# Organisations and people

def organisation_list(request):
    return render(request, "governance/organisation_list.html",
                  {"organisations": selectors.organisation_list()})


def organisation_detail(request, pk):
    organisation = selectors.organisation_get(pk=pk)
    return render(request, "governance/organisation_detail.html", {
        "organisation": organisation, "history": _history(request, organisation)})


@edit_required
def organisation_edit(request, pk=None):
    organisation = selectors.organisation_get(pk=pk) if pk else Organisation()
    return form_page(
        request, form=OrganisationForm(request.POST or None, instance=organisation),
        title=f"Edit {organisation}" if pk else "Add an organisation",
        back=reverse("governance:organisation-list"), done="Organisation saved.",
        save=lambda form: services.organisation_save(organisation=form.save(commit=False),
                                                     by=request.user),
    )


def person_list(request):
    return render(request, "governance/person_list.html", {"people": selectors.person_list()})


def person_detail(request, pk):
    person = selectors.person_get(pk=pk)
    return render(request, "governance/person_detail.html",
                  {"person": person, "history": _history(request, person)})


@edit_required
def person_edit(request, pk=None):
    person = selectors.person_get(pk=pk) if pk else Person()
    return form_page(
        request, form=PersonForm(request.POST or None, instance=person),
        title=f"Edit {person}" if pk else "Add a person",
        back=reverse("governance:person-list"), done="Person saved.",
        save=lambda form: services.person_save(person=form.save(commit=False), by=request.user),
    )

