"""The national profiles' API (Fingertips) answered from Trustboard's public data.

Each view reads its query parameters as the national API names them, calls one selector and
answers in the national shape: JSON, or CSV in the national file's columns. Everything is
public (what the public may read, through disclosure control); only GET (and HEAD) is
allowed. A malformed parameter is a 400 and an unknown id a 404, each with a JSON
`{"Message": ...}` naming the parameter, as the national API answers its errors.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from functools import wraps

import polars as pl
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from trustboard.api.fingertips import selectors
from trustboard.api.fingertips.area_types import ENGLAND
from trustboard.api.fingertips.selectors import FingertipsRequestError, ids_parse


def _answers_errors(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except FingertipsRequestError as error:
            return JsonResponse({"Message": error.message}, status=error.status)
    return require_safe(wrapped)


def _json(data) -> JsonResponse:
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})


def _csv(header: list[str], frames: Iterable[pl.DataFrame], name: str) -> StreamingHttpResponse:
    def lines() -> Iterator[bytes]:
        yield (",".join(header) + "\n").encode("utf-8")
        for frame in frames:
            buffer = io.BytesIO()
            frame.write_csv(buffer, include_header=False)
            yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return response


def _one_id(request: HttpRequest, field: str) -> int:
    ids = ids_parse(request.GET.get(field), field=field)
    if len(ids) != 1:
        raise FingertipsRequestError(f"The parameter {field} takes one id.")
    return ids[0]


def _data(request: HttpRequest, indicators, name: str) -> StreamingHttpResponse:
    data = selectors.data_request(
        indicators,
        child=selectors.area_type_get(request.GET.get("child_area_type_id"),
                                      field="child_area_type_id"),
        parent=selectors.area_type_get(request.GET.get("parent_area_type_id"),
                                       field="parent_area_type_id", default=ENGLAND))
    return _csv(data.header, selectors.data_frames(data), name)


@_answers_errors
def all_data_by_indicator(request: HttpRequest) -> HttpResponse:
    ids = ids_parse(request.GET.get("indicator_ids"), field="indicator_ids")
    return _data(request, selectors.indicators_get(ids), "indicators-" + "-".join(map(str, ids)))


@_answers_errors
def all_data_by_profile(request: HttpRequest) -> HttpResponse:
    profile_id = _one_id(request, "profile_id")
    return _data(request, selectors.profile_indicators(profile_id), f"profile-{profile_id}")


@_answers_errors
def indicator_metadata(request: HttpRequest) -> HttpResponse:
    ids = ids_parse(request.GET.get("indicator_ids"), field="indicator_ids")
    return _json(selectors.indicator_metadata(selectors.indicators_get(ids)))


@_answers_errors
def indicator_metadata_all(request: HttpRequest) -> HttpResponse:
    return _json(selectors.indicator_metadata(list(selectors.indicators_by_id().values())))


def _metadata_csv(indicators, name: str) -> StreamingHttpResponse:
    return _csv(selectors.METADATA_COLUMNS, [selectors.indicator_metadata_frame(indicators)],
                name)


@_answers_errors
def indicator_metadata_csv_all(request: HttpRequest) -> HttpResponse:
    indicators = sorted(set(selectors.indicators_by_id().values()), key=lambda one: one.pk)
    return _metadata_csv(indicators, "indicator-metadata")


@_answers_errors
def indicator_metadata_csv_by_indicator(request: HttpRequest) -> HttpResponse:
    ids = ids_parse(request.GET.get("indicator_ids"), field="indicator_ids")
    return _metadata_csv(selectors.indicators_get(ids), "indicator-metadata")


@_answers_errors
def indicator_metadata_csv_by_group(request: HttpRequest) -> HttpResponse:
    ids = ids_parse(request.GET.get("group_id"), field="group_id")
    return _metadata_csv(selectors.group_indicators(ids), "indicator-metadata")


@_answers_errors
def indicator_metadata_csv_by_profile(request: HttpRequest) -> HttpResponse:
    profile_id = _one_id(request, "profile_id")
    return _metadata_csv(selectors.profile_indicators(profile_id), "indicator-metadata")


@_answers_errors
def areas_by_area_type(request: HttpRequest) -> HttpResponse:
    area_type = selectors.area_type_get(request.GET.get("area_type_id"), field="area_type_id")
    return _json(selectors.areas_by_area_type(area_type))


@_answers_errors
def area_types(request: HttpRequest) -> HttpResponse:
    wanted = request.GET.get("profile_ids")
    return _json(selectors.area_types(
        None if wanted is None else ids_parse(wanted, field="profile_ids")))


@_answers_errors
def parent_area_types(request: HttpRequest) -> HttpResponse:
    return _json(selectors.parent_area_types())


@_answers_errors
def ages(request: HttpRequest) -> HttpResponse:
    return _json(selectors.ages())


@_answers_errors
def sexes(request: HttpRequest) -> HttpResponse:
    return _json(selectors.sexes())


@_answers_errors
def value_notes(request: HttpRequest) -> HttpResponse:
    return _json(selectors.value_notes())


@_answers_errors
def profiles(request: HttpRequest) -> HttpResponse:
    return _json(selectors.profiles())


@_answers_errors
def profile(request: HttpRequest) -> HttpResponse:
    return _json(selectors.profile(_one_id(request, "profile_id")))


@_answers_errors
def group_metadata(request: HttpRequest) -> HttpResponse:
    return _json(selectors.group_metadata(
        ids_parse(request.GET.get("group_ids"), field="group_ids")))


@_answers_errors
def available_data(request: HttpRequest) -> HttpResponse:
    indicators = None
    if request.GET.get("indicator_id") is not None:
        indicators = selectors.indicators_get([_one_id(request, "indicator_id")],
                                              field="indicator_id")
    found = selectors.available_data(indicators)
    if request.GET.get("area_type_id") is not None:
        area_type = selectors.area_type_get(request.GET["area_type_id"], field="area_type_id")
        found = [row for row in found if row["AreaTypeId"] == area_type.id]
    return _json(found)
