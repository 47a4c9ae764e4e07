"""The open data catalogue and its downloads: thin views over public/open_data.py."""

import json

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from trustboard.performance.disclosure import disclosure_threshold
from trustboard.public.open_data import (
    CSVW_TYPE,
    LICENCE_NAME,
    LICENCE_URL,
    Dataset,
    catalogue,
    dataset_csv,
    dataset_dictionary,
    dataset_get,
)


def _dataset(slug: str) -> Dataset:
    dataset = dataset_get(slug)
    if dataset is None:
        raise Http404(f"There is no dataset called {slug!r}: see the open data catalogue.")
    return dataset


@require_safe
def open_data_catalogue(request):
    return render(request, "public/open_data/catalogue.html", {
        "entries": catalogue(), "licence_name": LICENCE_NAME, "licence_url": LICENCE_URL,
        "threshold": disclosure_threshold()})


@require_safe
def open_data_csv(request, slug):
    """The dataset as CSV, written as it is read (StreamingHttpResponse), with a link to its
    dictionary (CSVW's "describedby")."""
    dataset = _dataset(slug)
    response = StreamingHttpResponse(dataset_csv(dataset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset.file_name}"'
    dictionary = reverse("public:open-data-dictionary", args=[slug])
    response["Link"] = f'<{dictionary}>; rel="describedby"; type="{CSVW_TYPE}"'
    return response


@require_safe
def open_data_dictionary(request, slug):
    dataset = _dataset(slug)
    csv_url = request.build_absolute_uri(reverse("public:open-data-csv", args=[slug]))
    body = json.dumps(dataset_dictionary(dataset, csv_url=csv_url), indent=2)
    return HttpResponse(body, content_type=f"{CSVW_TYPE}; charset=utf-8")
