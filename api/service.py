"""The portal's own API at /api/: one list and one item call per registered resource (api.registry), the
figures and open data (api.figures, api.opendata), and the description at /api/openapi.json that also
covers the older /api/search/, /api/stats/ and /api/hit/ (api.legacy). Wagtail's pages API stays at
/api/v3/ with its own description."""

import datetime
import functools
import hashlib
import json
import math
from urllib.parse import urlencode

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, ValidationError

from api import http, legacy, problems, registry, schemas, tokens
from core.generations import shared_cache
from core.public_urls import absolute_url
from pagecache.keys import generation_keys

ERRORS = {400: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}


class PortalAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema["paths"].values():
            for operation in item.values():
                responses = operation.get("responses", {})
                _problem_media_type(responses)
                media_type = operation.pop("x-media-type", None)
                if media_type:
                    for status in (200, "200"):  # ninja writes the statuses as numbers
                        if status in responses:
                            responses[status]["content"] = {media_type: {"schema": {"type": "string"}}}
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["siteToken"] = {
            "type": "http",
            "scheme": "bearer",
            "description": "A write token of the ward site, made in the admin (Cài đặt → Mã truy cập API).",
        }
        # Added after: the older endpoints answer errors as {"error": …} in application/json.
        legacy.describe(schema)
        return schema


def _problem_media_type(responses):
    """Errors are served as application/problem+json (RFC 9457); ninja writes every body as JSON."""
    for status, response in responses.items():
        content = response.get("content", {})
        if str(status).startswith(("4", "5")) and "application/json" in content:
            response["content"] = {problems.MEDIA_TYPE: content["application/json"]}


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone())


def _clamped(day):
    """Any date is a valid filter; one before 1900 or after 2999 (year 1 has no midnight in UTC) is taken as
    the bound, which no item of the portal lies beyond."""
    return min(max(day, schemas.FIRST_DAY), schemas.LAST_DAY) if day else None


def _dated(queryset, field, since, until):
    """`since`/`until` (days in Vietnam) on a date or datetime field."""
    since, until = _clamped(since), _clamped(until)
    is_datetime = queryset.model._meta.get_field(field).get_internal_type() == "DateTimeField"
    if since:
        queryset = queryset.filter(**{f"{field}__gte": _day_start(since) if is_datetime else since})
    if until:
        end = until + datetime.timedelta(days=1)
        queryset = queryset.filter(**{f"{field}__lt": _day_start(end)} if is_datetime else {f"{field}__lte": until})
    return queryset


def _page_link(request, page):
    query = request.GET.copy()
    query["page"] = str(page)
    return absolute_url(request, f"{request.path}?{urlencode(sorted(query.items()))}")


TOTALS_SECONDS = 60


def _totals(site, resource, params, queryset):
    """{"count", "modified"} of a filtered list: counting 100,000 articles costs ~0.35 s on SQLite, so the
    totals are kept for TOTALS_SECONDS under the site's page-cache generations (every publish, unpublish,
    move or delete of a page of the site moves one: pagecache.signals) and today's date (a document's status,
    an announcement's "current" change with the day). Figures of non-page rows (visits per day) may lag as
    long, as Cache-Control already lets clients."""
    cache = shared_cache()
    filters = params.model_dump(mode="json", exclude={"page", "page_size"})
    generations = cache.get_many(generation_keys(site.pk, "api"))
    raw = json.dumps([site.pk, resource.name, filters, sorted(generations.items()), str(timezone.localdate())])
    key = "api:totals:" + hashlib.sha256(raw.encode()).hexdigest()
    totals = cache.get(key)
    if totals is None:
        aggregates = {"count": Count("pk")}
        if resource.modified_field:
            aggregates["modified"] = Max(resource.modified_field)
        totals = queryset.aggregate(**aggregates)
        cache.set(key, totals, TOTALS_SECONDS)
    return totals


def list_page(request, resource, params):
    """The JSON of one page of `resource` for `params` (a validated query), with its Last-Modified."""
    site, refused = http.admit(request)
    if refused:
        return refused
    queryset = resource.queryset(site)
    if resource.date_field:
        queryset = _dated(queryset, resource.date_field, params.since, params.until)
    for item in resource.filters:
        value = getattr(params, item.name)
        if value is not None:
            queryset = item.apply(queryset, value, site)
    totals = _totals(site, resource, params, queryset)
    count = totals["count"]
    num_pages = max(1, math.ceil(count / params.page_size))
    start = (params.page - 1) * params.page_size
    objects = list(queryset[start : start + params.page_size]) if start < count else []
    if resource.prepare:
        resource.prepare(objects)
    page = schemas.page_model_for(resource).model_validate(
        {
            "count": count,
            "page": params.page,
            "num_pages": num_pages,
            "next": _page_link(request, params.page + 1) if params.page < num_pages else None,
            "previous": _page_link(request, min(params.page, num_pages + 1) - 1) if params.page > 1 else None,
            "results": [resource.item(obj, request) for obj in objects],
        }
    )
    return http.answer(request, page.model_dump_json(), last_modified=totals.get("modified"))


def one_item(request, resource, item_id):
    site, refused = http.admit(request)
    if refused:
        return refused
    obj = resource.queryset(site).filter(pk=item_id).first()
    if obj is None:
        return http.problem(request, "not-found")
    if resource.prepare:
        resource.prepare([obj])
    item = resource.schema.model_validate(resource.item(obj, request))
    modified = getattr(obj, resource.modified_field) if resource.modified_field else None
    return http.answer(request, item.model_dump_json(), last_modified=modified)


def create_item(request, resource, data):
    from audit import record

    site, refused = http.admit(request)
    if refused:
        return refused
    token, refused = tokens.authorise(request, site, resource.write_scope)
    if refused:
        return refused
    with transaction.atomic():
        try:
            obj = resource.create(site, data)
        except LookupError:
            return http.problem(request, "not-found")
        except DjangoValidationError as error:
            # What the model refuses (a title that is only invisible characters once cleaned).
            names = getattr(error, "message_dict", {"body": []})
            return http.problem(request, "bad-request", errors=[{"name": n, "reason": "invalid"} for n in names])
        record(
            "api_write",
            site=site,
            obj=obj,
            details={"token": token.prefix, "token_name": token.name, "scope": token.scope, "path": request.path},
        )
    created = schemas.Created.model_validate({"id": obj.pk, "title": obj.title, "live": obj.live})
    response = HttpResponse(created.model_dump_json(), status=201, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def _add_resource(api, resource):
    query = schemas.query_model(resource)
    tags = list(resource.tags) or [resource.name]

    def list_view(request, params: Query[query]):
        return list_page(request, resource, params)

    api.get(
        f"/{resource.name}/",
        response={200: schemas.page_model_for(resource), **ERRORS},
        operation_id=f"list_{resource.name.replace('-', '_')}",
        summary=f"List {resource.name}",
        description=resource.description,
        tags=tags,
        url_name=f"api_{resource.name}_list",
    )(list_view)

    if resource.create:
        body = resource.input_schema

        def create_view(request, data: body):
            return create_item(request, resource, data)

        api.post(
            f"/{resource.name}/",
            response={201: schemas.Created, **ERRORS, 401: schemas.Problem, 403: schemas.Problem},
            operation_id=f"create_{resource.name.replace('-', '_')}",
            summary=f"Send one of {resource.name} (a draft for the editors)",
            description=f"Needs a token of the site with the scope `{resource.write_scope}` "
            "(`Authorization: Bearer …`, made in the admin). Every use is in the audit log.",
            tags=tags,
            url_name=f"api_{resource.name}_create",
            openapi_extra={"security": [{"siteToken": []}]},
        )(create_view)

    if resource.detail:

        def item_view(request, item_id: int = Path(..., ge=1, le=schemas.MAX_ID)):  # noqa: B008
            return one_item(request, resource, item_id)

        api.get(
            f"/{resource.name}/{{item_id}}/",
            response={200: resource.schema, **ERRORS},
            operation_id=f"get_{resource.name.replace('-', '_')}",
            summary=f"One of {resource.name}",
            description=resource.description,
            tags=tags,
            url_name=f"api_{resource.name}_item",
        )(item_view)


def _handlers(api):
    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return http.problem(request, "bad-request", errors=problems.invalid_params(exc.errors))

    @api.exception_handler(Http404)
    def missing(request, exc):
        return http.problem(request, "not-found")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return http.problem(request, "not-found" if exc.status_code == 404 else "bad-request")


@functools.cache
def build():
    """The API, built once per process (ninja refuses a second instance under one namespace)."""
    from api import figures, opendata

    api = PortalAPI(
        title="Cổng thông tin điện tử phường, xã — API",
        version="1.0.0",
        description=(
            "Read-only public data of the ward site named by the request's hostname. Lists take `page` and "
            "`page_size` (at most 100); dated lists take `since` and `until` (days, Vietnam time). Answers carry "
            "ETag, Last-Modified and Cache-Control; CORS is open for GET. Errors are RFC 9457 problem details "
            "in Vietnamese or English by Accept-Language; too many calls from one client answer 429 with "
            "Retry-After. Wagtail's pages API: /api/v3/ (its description: /api/v3/openapi.json)."
        ),
        urls_namespace="portal_api",
        openapi_url="/openapi.json",
        docs_url=None,
    )
    _handlers(api)
    for resource in registry.resources():
        _add_resource(api, resource)
    figures.add_routes(api, ERRORS)
    opendata.add_routes(api, ERRORS)
    return api
