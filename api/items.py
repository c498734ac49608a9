"""Helpers for the apps that declare resources (their api_resources.py)."""

import datetime
import unicodedata

from ninja import Schema
from pydantic import AfterValidator

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


def _clean_text(value):
    """No NUL or other control characters but line breaks and tabs, no lone surrogates (PostgreSQL and UTF-8
    refuse them): a 400 naming the field rather than a failed write."""
    for char in value:
        if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            raise ValueError("control character, line separator or lone surrogate")
    return value


def _nonblank(value):
    if not value.strip():
        raise ValueError("blank")
    return value


CleanText = AfterValidator(_clean_text)
NonBlank = AfterValidator(_nonblank)
# The same rule told to clients (the OpenAPI description): no control characters but tab and newline, no
# U+2028/U+2029; TEXT_PATTERN also wants one character that is not a space. Checked by CleanText (a lone
# surrogate cannot be written in a pattern every engine reads).
_CTRL = "\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029"
TEXT_PATTERN = {"pattern": f"^[^{_CTRL}]*$"}
NONBLANK_PATTERN = {"pattern": f"^[^{_CTRL}]*[^\\s{_CTRL}][^{_CTRL}]*$"}
