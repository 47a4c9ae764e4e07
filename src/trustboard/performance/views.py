"""Indicator pages: thin views over the selectors, with charts drawn by core.charts."""

from django.http import Http404
from django.shortcuts import render

from trustboard.performance import selectors
from trustboard.performance.charts import neighbour_chart, profile_chart, trend_chart
from trustboard.performance.forms import IndicatorFilterForm


def _area(request):
    code = request.GET.get("area")
    area = selectors.area_get(code=code) if code else selectors.partnership_area()
    if area is None:
        raise Http404("No such area.")
    return area


def indicator_list(request):
    form = IndicatorFilterForm(request.GET or None)
    area = selectors.partnership_area()
    filters = selectors.IndicatorFilters(area=area)
    if form.is_valid():
        data = form.cleaned_data
        stale = {"yes": True, "no": False}.get(data["stale"])
        filters = selectors.IndicatorFilters(
            area=area, search=data["search"], comparison=data["comparison"],
            polarity=data["polarity"], value_type=data["value_type"], is_stale=stale)
    return render(request, "performance/indicator_list.html", {
        "form": form, "area": area,
        "rows": selectors.indicator_list(filters) if area else [],
    })


def indicator_detail(request, pk):
    indicator = selectors.indicator_get(pk=pk)
    if indicator is None:
        raise Http404("No such indicator.")
    detail = selectors.indicator_detail(indicator, _area(request))
    return render(request, "performance/indicator_detail.html", {
        "detail": detail, "indicator": indicator,
        "trend": trend_chart(detail), "neighbours": neighbour_chart(detail),
    })


def area_profile(request, code):
    area = selectors.area_get(code=code)
    if area is None:
        raise Http404("No such area.")
    rows = selectors.area_profile(area)
    return render(request, "performance/area_profile.html", {
        "area": area, "rows": rows, "chart": profile_chart(area, rows)})
