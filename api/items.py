"""Helpers for the apps that declare resources (their api_resources.py)."""

import datetime

from ninja import Schema

from core.public_urls import absolute_url


class PageItem(Schema):
    """What every page-backed item carries."""

    id: int
    title: str
    url: str
    last_published_at: datetime.datetime | None


def page_fields(page, request):
    return {
        "id": page.pk,
        "title": page.title,
        "url": absolute_url(request, page.get_url(request)),
        "last_published_at": page.last_published_at,
    }


def section_filter(model):
    """A filter by the slug of a section of the site (a child of its home page) of `model`."""

    def apply(queryset, slug, site):
        section = model.objects.child_of(site.root_page).filter(slug=slug).first()
        return queryset.descendant_of(section) if section else queryset.none()

    return apply
