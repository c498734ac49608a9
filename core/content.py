"""The content-type registry: what the platform needs to know about each kind of page, declared once on it.

A content app (news, and the types that follow it) sets `content_kind = ContentKind(...)` on its page model;
the platform apps (search, wards, pagecache) find the declarations through Wagtail's list of page models and
never import a content app. Where a type may live in the tree stays Wagtail's own declaration,
`parent_page_types` on the type itself: a ward's home page names no children, so it accepts every type that
names it (docs/architecture.md, "Adding a content type").
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from wagtail.models import get_page_models

# What publishing, unpublishing or moving a page of the type makes stale in the page cache.
INVALIDATES_SECTION = "section"  # its own URL group and the listings (home, feeds, sitemap, search)
INVALIDATES_SITE = "site"  # every page of the site, and the site bundle (the header menu lists it)


@dataclass(frozen=True)
class SearchFields:
    """Which fields of the page search indexes and shows (the title always): names of model fields."""

    date: str  # shown with the result, orders "newest first", filtered by the date range
    lead: str = ""  # plain text shown first in the snippet; weighs more than the body
    body: str = ""  # a StreamField, HTML or plain text
    # Where inside the page's files the words were found: (page ids, folded query words) -> {page id: page
    # number}; shown as the result's "page" in /api/search/ (documents: the page of the PDF).
    locate: Callable | None = None


@dataclass(frozen=True)
class ContentKind:
    name: str  # the result's "kind" in /api/search/ ("article"); stable, ASCII
    search: SearchFields | None = None  # None: not in the portal's search
    # A section of the site: a child of the ward's home page, in the header menu when "show in menus" is
    # ticked, offered as a filter on the search page; publishing one invalidates the whole site.
    section: bool = False
    invalidates: str = INVALIDATES_SECTION
    # URLs this many segments below the home page are looked up first as this type, by url_path in one query
    # (`model.objects.find_published(home, path_components, sections)`) instead of walking the tree.
    short_route_segments: int | None = None
    # What the type adds to a ward's home page, so the platform's HomePage names no content type:
    home_context: Callable | None = None  # (home, request) -> dict, merged into the home page's context
    home_setup: Callable | None = None  # (home) -> None: run on creating or completing a ward site; idempotent
    home_feed: Callable | None = None  # (home, request) -> the response at the home's rss/ (one type at most)
    # Each published version is archived (PDF and WARC, with checksums) by the archive app's background job and
    # listed on its "Lưu trữ" page; the type's template includes "archive/link.html".
    archive: bool = False

    def __post_init__(self):
        if self.invalidates not in (INVALIDATES_SECTION, INVALIDATES_SITE):
            raise ValueError(f"invalidates: {self.invalidates!r}")
        if self.section and self.invalidates != INVALIDATES_SITE:
            # The header menu on every page lists sections.
            object.__setattr__(self, "invalidates", INVALIDATES_SITE)


def kind_of(model):
    """The ContentKind a page model (or page) declares itself, None if it declares none (inherited ones do
    not count: a subclass is another type)."""
    cls = model if isinstance(model, type) else model.specific_class
    return vars(cls).get("content_kind") if cls is not None else None


@cache
def registered():
    """(model, kind) of every page type that declares one, in INSTALLED_APPS order."""
    apps.check_models_ready()  # remembered for good: never from a list of page models still being filled
    found = [(model, kind_of(model)) for model in get_page_models()]
    found = [(model, kind) for model, kind in found if kind is not None]
    names = [kind.name for _, kind in found]
    duplicated = {name for name in names if names.count(name) > 1}
    if duplicated:
        raise ValueError(f"content kinds named twice: {sorted(duplicated)}")
    if sum(kind.home_feed is not None for _, kind in found) > 1:
        raise ValueError("only one content kind can answer the home page's rss/")
    return tuple(found)


def searchable():
    return [(model, kind) for model, kind in registered() if kind.search is not None]


def section_models():
    return [model for model, kind in registered() if kind.section]


def archivable():
    return [model for model, kind in registered() if kind.archive]


def short_routed(segments):
    return [model for model, kind in registered() if kind.short_route_segments == segments]


def home_contexts():
    return [kind.home_context for _, kind in registered() if kind.home_context]


def home_setups():
    return [kind.home_setup for _, kind in registered() if kind.home_setup]


def home_feed():
    return next((kind.home_feed for _, kind in registered() if kind.home_feed), None)


def children_naming(parent):
    """Page models whose parent_page_types names `parent` (a type that names no parents is not let in by
    omission): for a page type that lists no subpage_types of its own, so a new type plugs in on its side."""
    return [
        model
        for model in get_page_models()
        if getattr(model, "parent_page_types", None) is not None and parent in model.clean_parent_page_models()
    ]


def invalidates_site(page):
    kind = kind_of(page)
    return kind is not None and kind.invalidates == INVALIDATES_SITE
