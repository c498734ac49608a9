"""Announcements in the public API (api.registry): /api/announcements/."""

import datetime

from ninja import Schema

from announcements.models import AnnouncementAttachment, AnnouncementPage
from api.items import PageItem, page_fields
from api.registry import Filter, Resource
from core.public_urls import absolute_url


class Attachment(Schema):
    label: str
    url: str
    format: str


class Announcement(PageItem):
    published_on: datetime.date
    shown_until: datetime.date | None
    lead: str
    attachments: list[Attachment]


def _prepare(pages):
    found = {}
    attached = AnnouncementAttachment.objects.filter(page_id__in=[p.pk for p in pages]).select_related("document")
    for item in attached.order_by("sort_order"):
        found.setdefault(item.page_id, []).append(item)
    for page in pages:
        page.api_attachments = found.get(page.pk, [])


def _announcement(page, request):
    return page_fields(page, request) | {
        "published_on": page.published_on,
        "shown_until": page.shown_until,
        "lead": page.lead,
        "attachments": [
            {"label": item.shown_name, "url": absolute_url(request, item.document.url), "format": item.format_label}
            for item in getattr(page, "api_attachments", [])
        ],
    }


RESOURCES = [
    Resource(
        name="announcements",
        description="Announcements (thông báo) of the site, newest first; `current=true`: those still shown on "
        "the home page today.",
        schema=Announcement,
        queryset=lambda site: AnnouncementPage.objects.in_section(site.root_page).defer("body"),
        item=_announcement,
        prepare=_prepare,
        date_field="published_on",
        filters=(
            Filter(
                "current",
                "Only those shown today (true) or only archived ones (false).",
                lambda q, v, site: q.current() if v else q.exclude(pk__in=q.current().values("pk")),
                type=bool,
            ),
        ),
        tags=("announcements",),
    ),
]
