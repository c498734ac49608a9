"""Open data: whole lists as CSV and JSON downloads under /api/open-data/, with the ward's licence statement
(api.models.OpenDataSettings, edited in the admin). Which lists: the resources marked `open_data` (documents,
visits per day) and the monthly visitor figures."""

import csv
import datetime
import io
import json

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from ninja import Schema
from pydantic import create_model

from api import http, registry
from api.models import OpenDataSettings
from stats.models import SiteDay

CHUNK = 500
CSV_MEDIA_TYPE = "text/csv"
# A cell a spreadsheet would run as a formula: kept as text (OWASP's CSV injection advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class MonthFigures(Schema):
    month: str  # YYYY-MM
    visitors: int
    pageviews: int


class Licence(Schema):
    licence: str
    licence_url: str


class Dataset(Schema):
    name: str
    description: str
    csv: str
    json_url: str


class Catalogue(Licence):
    datasets: list[Dataset]


def _monthly(site, request):
    rows = (
        SiteDay.objects.filter(site=site)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(visitors=Sum("visitors"), pageviews=Sum("pageviews"))
        .order_by("month")
    )
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        yield {"month": month.strftime("%Y-%m"), "visitors": row["visitors"], "pageviews": row["pageviews"]}


def _resource_rows(resource):
    def rows(site, request):
        queryset = resource.queryset(site)
        start = 0
        while True:
            objects = list(queryset[start : start + CHUNK])
            if not objects:
                return
            if resource.prepare:
                resource.prepare(objects)
            for obj in objects:
                yield resource.item(obj, request)
            start += CHUNK

    return rows


def datasets():
    """[(name, description, item schema, rows(site, request))]."""
    found = [
        (resource.name, resource.description, resource.schema, _resource_rows(resource))
        for resource in registry.resources()
        if resource.open_data
    ]
    found.append(("visits-monthly", "Visitors and pageviews of the site per month.", MonthFigures, _monthly))
    return found


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def as_csv(schema, items, licence):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = list(schema.model_fields)
    writer.writerow(names)
    for item in items:
        data = schema.model_validate(item).model_dump(mode="json")
        writer.writerow([_cell(data.get(name)) for name in names])
    # A byte-order mark, so Excel reads the Vietnamese as UTF-8.
    return "\ufeff" + out.getvalue()


def _licence(site):
    settings = OpenDataSettings.of(site)
    return {"licence": settings.licence, "licence_url": settings.licence_url}


def add_routes(api, errors):
    catalogue = []
    for name, description, schema, rows in datasets():
        catalogue.append((name, description))
        _add_dataset(api, errors, name, description, schema, rows)

    @api.get(
        "/open-data/",
        response={200: Catalogue, **errors},
        operation_id="open_data",
        summary="Open data of the site, and its licence",
        tags=["open data"],
    )
    def open_data_view(request):
        site, refused = http.admit(request)
        if refused:
            return refused
        base = request.build_absolute_uri("/api/open-data/")
        data = Catalogue.model_validate(
            _licence(site)
            | {
                "datasets": [
                    {"name": n, "description": d, "csv": f"{base}{n}.csv", "json_url": f"{base}{n}.json"}
                    for n, d in catalogue
                ]
            }
        )
        return http.answer(request, data.model_dump_json())


def _add_dataset(api, errors, name, description, schema, rows):
    document = create_model(
        f"{schema.__name__}OpenData",
        __base__=Licence,
        dataset=(str, ...),
        generated_at=(datetime.datetime, ...),
        items=(list[schema], ...),
    )
    slug = name.replace("-", "_")

    def json_view(request):
        site, refused = http.admit(request)
        if refused:
            return refused
        data = document.model_validate(
            _licence(site) | {"dataset": name, "generated_at": timezone.now(), "items": list(rows(site, request))}
        )
        response = http.answer(request, data.model_dump_json(), max_age=3600)
        response["Content-Disposition"] = f'inline; filename="{name}.json"'
        return response

    def csv_view(request):
        site, refused = http.admit(request)
        if refused:
            return refused
        licence = _licence(site)
        response = http.answer(
            request, as_csv(schema, rows(site, request), licence), content_type=CSV_MEDIA_TYPE, max_age=3600
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        # The licence travels with the file as a Link header (RFC 8288), the statement itself in the JSON.
        if licence["licence_url"]:
            response["Link"] = f'<{licence["licence_url"]}>; rel="license"'
        return response

    common = {"tags": ["open data"], "description": description + " The whole list, with the site's licence."}
    api.get(
        f"/open-data/{name}.json",
        response={200: document, **errors},
        operation_id=f"open_data_{slug}_json",
        summary=f"{name} (JSON)",
        **common,
    )(json_view)
    api.get(
        f"/open-data/{name}.csv",
        response={200: str, **errors},
        operation_id=f"open_data_{slug}_csv",
        summary=f"{name} (CSV)",
        openapi_extra={"x-media-type": CSV_MEDIA_TYPE},
        **common,
    )(csv_view)
