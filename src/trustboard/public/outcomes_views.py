"""The outcomes framework and the benchmarks: thin views over public.selectors_outcomes."""

from django.shortcuts import render
from django.urls import reverse

from trustboard.core.page_cache import public_page_cache
from trustboard.performance.disclosure import public_note
from trustboard.performance.selectors import partnership_area
from trustboard.public import selectors_outcomes as selectors
from trustboard.public.forms_outcomes import AuthoritySearchForm, OutcomesAsAtForm
from trustboard.public.outcomes import benchmark_indicators, outcome_indicators


@public_page_cache
def outcomes(request):
    return render(request, "public/outcomes/index.html", {
        "plans": selectors.outcome_plans(), "area": partnership_area()})


def _not_found(request, message: str, *, benchmarks: bool = False):
    """A 404 page that says what was not found and where to look instead."""
    return render(request, "public/benchmarks/not_found.html", {
        "message": message,
        "back_url": reverse("public:benchmarks" if benchmarks else "public:outcomes"),
        "back_text": "Find a local authority" if benchmarks else "The outcomes framework",
    }, status=404)


def _framework(request, slug):
    plan = selectors.outcome_plan_get(slug=slug)
    if plan is None:
        return None, None
    form = OutcomesAsAtForm(request.GET or None)
    as_at = form.cleaned_data["as_at"] if form.is_valid() else None
    return form, selectors.outcomes_framework(plan=plan, as_at=as_at)


@public_page_cache
def outcomes_plan(request, slug):
    form, framework = _framework(request, slug)
    if framework is None:
        return _not_found(request, f"There is no plan with the address “{slug}”.")
    return render(request, "public/outcomes/plan.html", {"form": form, "framework": framework})


@public_page_cache
def outcomes_priority(request, slug, number):
    form, framework = _framework(request, slug)
    if framework is None:
        return _not_found(request, f"There is no plan with the address “{slug}”.")
    found = [item for item in framework.performance.priorities
             if item.priority.number == number]
    if not found:
        return _not_found(request, f"The {framework.plan.title} has no priority {number}.")
    area = framework.performance.area
    return render(request, "public/outcomes/priority.html", {
        "form": form, "framework": framework, "item": found[0],
        "indicators": outcome_indicators(found[0].indicators, area) if area else [],
        "suppression_note": public_note()})


@public_page_cache
def benchmarks(request):
    form = AuthoritySearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    groups = selectors.benchmark_authorities(search=search)
    return render(request, "public/benchmarks/index.html", {
        "form": form, "search": search, "groups": groups,
        "found": sum(len(group.authorities) for group in groups)})


@public_page_cache
def benchmark_area(request, code):
    area = selectors.benchmark_area_get(code=code)
    if area is None:
        return _not_found(request, f"There is no upper-tier local authority with the code "
                                   f"“{code}”. Codes look like E10000024 (Nottinghamshire).",
                          benchmarks=True)
    benchmark = selectors.benchmark(area=area)
    return render(request, "public/benchmarks/area.html", {
        "area": area, "benchmark": benchmark, "indicators": benchmark_indicators(benchmark),
        "suppression_note": public_note()})
