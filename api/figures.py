"""Figures for the province's measurement platform (Decree 224/2026, Art. 12): /api/measurement/."""

import datetime

from django.conf import settings
from django.utils import timezone
from ninja import Field, Query, Schema
from wagtail.models import Page

from api import http
from core import content
from core.public_urls import absolute_url
from stats import timing
from stats.reading import daily_series
from stats.visitors import local_day

# The sections Circular 22/2023 expects of a ward portal, by their content kind (core.content): ward
# information, documents, schedule, questions and answers.
REQUIRED_SECTIONS = ("ward_intro", "document_list", "schedule", "question_list")


class Day(Schema):
    day: datetime.date
    pageviews: int
    visitors: int


class Section(Schema):
    kind: str
    title: str | None
    url: str | None
    required: bool
    filled: bool = Field(description="Live, with at least one live page below it.")
    pages: int = Field(description="Live pages below the section.")


class Measurement(Schema):
    site: str
    generated_at: datetime.datetime
    days: list[Day]
    median_response_ms: float | None = Field(
        description="Median time the portal took to answer its pages (HTML, status 200, from the page cache or "
        "rendered) over the same days, in milliseconds, read from a histogram (exact to its bucket, 5 ms at the "
        "fast end); null when no page was answered in the period."
    )
    sections: list[Section]


class MeasurementQuery(Schema):
    days: int = Field(30, ge=1, le=366, description="How many days back from today (Vietnam time).")


def required_sections():
    return tuple(getattr(settings, "PORTAL_API_REQUIRED_SECTIONS", REQUIRED_SECTIONS))


def sections(site, request):
    """Each section type the site may have, whether it exists and has content."""
    required = required_sections()
    found = []
    for model, kind in content.registered():
        if not kind.section:
            continue
        page = model.objects.live().child_of(site.root_page).order_by("path").first()
        below = Page.objects.live().descendant_of(page).count() if page else 0
        found.append(
            {
                "kind": kind.name,
                "title": page.title if page else None,
                "url": absolute_url(request, page.get_url(request)) if page else None,
                "required": kind.name in required,
                "filled": below > 0,
                "pages": below,
            }
        )
    return found


def measurement(request, site, days):
    series = daily_series(site.pk, days, today=local_day())
    return Measurement.model_validate(
        {
            "site": site.hostname,
            "generated_at": timezone.now(),
            "days": [{"day": day, "visitors": visitors, "pageviews": views} for day, visitors, views in series],
            "median_response_ms": timing.median_ms(site.pk, series[0][0], series[-1][0]) if series else None,
            "sections": sections(site, request),
        }
    )


def add_routes(api, errors):
    @api.get(
        "/measurement/",
        response={200: Measurement, **errors},
        operation_id="measurement",
        summary="Figures for the province's measurement platform",
        description=(
            "Per-day pageviews and visitors (as counted by the beacon, docs/statistics.md), the median response "
            "time of its pages over the same days, and which sections of the site exist and have content; "
            "`required` marks those Circular 22/2023 expects (ward information, documents, schedule, Q&A)."
        ),
        tags=["figures"],
    )
    def measurement_view(request, params: Query[MeasurementQuery]):
        site, refused = http.admit(request)
        if refused:
            return refused
        data = measurement(request, site, params.days)
        # Changes every minute or so (today's counts): a short shared cache only.
        return http.answer(request, data.model_dump_json(), max_age=60)
