from django.http import Http404
from django.shortcuts import render

from trustboard.core.page_cache import public_page_cache
from trustboard.plans.selectors import plan_get, plan_reporting_date
from trustboard.thread import selectors
from trustboard.thread.forms import ThreadForm
from trustboard.thread.selectors import Thread


def _thread(request, slug) -> tuple[Thread, ThreadForm, str]:
    """The plan's thread as the reader may see it, as at the date asked (else the plan's
    reporting date), and the query string that keeps that date on the links."""
    plan = plan_get(slug=slug)
    form = ThreadForm(request.GET or None)
    asked = form.cleaned_data["as_at"] if form.is_valid() else None
    as_at = asked or plan_reporting_date(plan=plan)
    public = not request.user.is_authenticated
    thread = selectors.plan_thread(plan=plan, as_at=as_at, user=None if public else request.user,
                                   public=public)
    return thread, form, f"?as_at={asked:%Y-%m-%d}" if asked else ""


@public_page_cache
def plan_thread(request, slug):
    thread, form, query = _thread(request, slug)
    person = getattr(request.user, "person", None)
    return render(request, "thread/plan_thread.html", {
        "thread": thread, "plan": thread.plan, "form": form, "query": query,
        "gaps": thread.gaps if request.user.is_authenticated else [],
        "my_gaps": thread.gaps_led_by(person.pk) if person else [],
    })


@public_page_cache
def priority_thread(request, slug, number, kind=None):
    thread, _form, query = _thread(request, slug)
    row = next((row for row in thread.priorities if row.priority.number == number), None)
    if row is None:
        raise Http404("The plan has no priority with that number.")
    cells = row.cells
    if kind is not None:
        cells = [cell for cell in cells if cell.kind.slug == kind]
        if not cells:
            raise Http404("The thread has no kind of link by that name.")
    return render(request, "thread/priority_thread.html", {
        "thread": thread, "plan": thread.plan, "row": row, "cells": cells, "kind": kind,
        "query": query, "gaps": row.gaps if request.user.is_authenticated else [],
    })
