"""Indicator pages: thin views over the selectors, with charts drawn by core.charts."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from trustboard.core.errors import RuleError
from trustboard.core.page_cache import public_page_cache
from trustboard.core.permissions import Permission, permission_required
from trustboard.core.views import form_page
from trustboard.performance import selectors, services
from trustboard.performance.charts import neighbour_chart, profile_chart, trend_chart
from trustboard.performance.disclosure import public_note
from trustboard.performance.forms import (
    DataUploadForm,
    IndicatorFilterForm,
    IndicatorSettingsForm,
)
from trustboard.plans.selectors import current_reporting_date


def _area(request):
    code = request.GET.get("area")
    area = selectors.area_get(code=code) if code else selectors.partnership_area()
    if area is None:
        raise Http404("No such area.")
    return area


@public_page_cache
def indicator_list(request):
    form = IndicatorFilterForm(request.GET or None)
    area = selectors.partnership_area()
    public = not request.user.is_authenticated  # only figures approved for publication
    # Read as at the plan's reporting date unless the reader chooses another, so the list
    # agrees with the plan's dashboard and reports.
    reporting_date = current_reporting_date()
    filters = selectors.IndicatorFilters(area=area, public=public, as_at=reporting_date)
    if form.is_valid():
        data = form.cleaned_data
        stale = {"yes": True, "no": False}.get(data["stale"])
        filters = selectors.IndicatorFilters(
            area=area, search=data["search"], comparison=data["comparison"],
            owner_id=data["owner"].pk if data["owner"] else None,
            priority_id=data["priority"].pk if data["priority"] else None,
            polarity=data["polarity"], value_type=data["value_type"], is_stale=stale,
            as_at=data["as_at"] or reporting_date, public=public)
    return render(request, "performance/indicator_list.html", {
        "form": form, "area": area, "as_at": filters.as_at,
        "as_at_is_reporting_date": filters.as_at == reporting_date,
        "rows": selectors.indicator_list(filters) if area else [],
    })


def _indicator(pk):
    indicator = selectors.indicator_get(pk=pk)
    if indicator is None:
        raise Http404("No such indicator.")
    return indicator


@public_page_cache
def indicator_detail(request, pk):
    indicator = _indicator(pk)
    detail = selectors.indicator_detail(indicator, _area(request),
                                        public=not request.user.is_authenticated)
    return render(request, "performance/indicator_detail.html", {
        "detail": detail, "indicator": indicator,
        "trend": trend_chart(detail), "neighbours": neighbour_chart(detail),
        "suppression_note": public_note(),
    })


@public_page_cache
def area_profile(request, code):
    area = selectors.area_get(code=code)
    if area is None:
        raise Http404("No such area.")
    rows = selectors.area_profile(area, public=not request.user.is_authenticated)
    return render(request, "performance/area_profile.html", {
        "area": area, "rows": rows, "chart": profile_chart(area, rows),
        "suppressed": [row.indicator.name for row in rows if row.is_suppressed],
        "suppression_note": public_note(), "districts": selectors.area_districts(area)})


@permission_required(Permission.EDIT_INDICATOR_SETTINGS)
def indicator_edit(request, pk):
    indicator = _indicator(pk)
    was_required = indicator.approval_required
    unapproved = selectors.indicator_unapproved_values(indicator=indicator)
    form = IndicatorSettingsForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_settings_save(indicator=indicator, by=request.user,
                                             **form.cleaned_data)
        except RuleError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _settings_saved(indicator, was_required, unapproved))
            return redirect("performance:indicator-detail", pk=indicator.pk)
    return render(request, "performance/indicator_settings.html", {
        "form": form, "indicator": indicator, "unapproved": unapproved,
        "was_required": was_required})


def _settings_saved(indicator, was_required: bool, unapproved) -> str:
    """The confirmation, saying what a change to approval did to the public pages."""
    if indicator.approval_required and not was_required and unapproved.count:
        return (f"{indicator.name} saved. Its values beyond the last approved period "
                f"({unapproved.approved_up_to or 'none is approved yet'}) have left the "
                f"public pages and open data until an officer approves them.")
    if was_required and not indicator.approval_required and unapproved.count:
        return (f"{indicator.name} saved. Its values waiting for approval are now on the "
                f"public pages and in open data.")
    return f"{indicator.name} saved."


@permission_required(Permission.IMPORT_DATA)
def data_upload(request):
    def save(form):
        data = form.cleaned_data
        return services.data_upload_queue(
            upload=data["file"], by=request.user, format=data["format"],
            create_indicators=data["create_indicators"],
            polarity=data["polarity"] or "no_judgement").get_absolute_url()

    return form_page(
        request, form=DataUploadForm(request.POST or None, request.FILES or None), save=save,
        title="Import indicator data", back=reverse("performance:import-list"),
        done="The file is uploaded and its import has started.", multipart=True,
        submit_label="Upload and import",
        intro="Every row is checked. If any row is wrong, nothing is written and the page "
              "lists the rows and columns to put right. Importing the same file again "
              "changes nothing. Indicators the import adds start unpublished until an "
              "officer approves them.")


@permission_required(Permission.IMPORT_DATA)
def import_list(request):
    return render(request, "performance/import_list.html",
                  {"imports": selectors.data_import_list()[:50]})
