"""A search request, from query-string parameters to a page of results ready to show or serialise."""

import datetime
import math
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from core import content
from search import query as engine
from search.documents import STEP, body_text
from search.filters import filters_for
from search.models import SearchEntry
from search.snippets import highlight, snippet
from search.text import Query

PER_PAGE = 10
MAX_PAGE = 1000
# Dates a reader can mean. Outside them (9999-12-31, 0001-01-01) the filter would step past the calendar's
# ends once turned into local midnights and a next day, so it is dropped with a note instead.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def _int(value, default=1):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return number if 1 <= number <= MAX_PAGE else default


def _date(value):
    value = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def _in_range(day):
    return FIRST_YEAR <= day.year <= LAST_YEAR


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass
class Result:
    title: str
    title_html: str
    url: str
    published: datetime.datetime
    category: str
    snippet: str
    kind: str  # the page type's core.content name: "article"…
    page_id: int = 0
    page: int | None = None  # the page of the file where the words are (SearchFields.locate), if known


@dataclass
class Search:
    text: str = ""
    sort: str = engine.SORT_RELEVANCE
    category_slug: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    page: int = 1
    count: int = 0
    results: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    messages: list = field(default_factory=list)

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / PER_PAGE))

    @property
    def count_is_capped(self):
        return self.count >= engine.COUNT_CAP

    @property
    def first_number(self):
        return (self.page - 1) * PER_PAGE + 1

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages


def run(request):
    params = request.GET
    query = Query(params.get("q", ""))
    search = Search(text=query.text, page=_int(params.get("page")))
    search.sort = engine.SORT_NEWEST if params.get("sort") == engine.SORT_NEWEST else engine.SORT_RELEVANCE
    # The site, its home page and sections (categories), as wards.sitecache keeps them in memory.
    bundle = getattr(request, "ward_bundle", None)
    if bundle is None:
        return search
    root = bundle.home
    search.categories = bundle.sections
    section = None
    slug = (params.get("category") or "").strip()
    if slug:
        section = next((c for c in search.categories if c.slug == slug), None)
        if section is None:
            search.messages.append(_("Không có chuyên mục này; đã tìm trong mọi chuyên mục."))
        else:
            search.category_slug = slug
    dates = []
    for name in ("from", "to"):
        raw = (params.get(name) or "").strip()
        day = _date(raw)
        if raw and day is None:
            search.messages.append(
                _("Ngày “%(value)s” không hợp lệ (dạng ngày/tháng/năm); đã bỏ qua.") % {"value": raw[:20]}
            )
        elif day and not _in_range(day):
            search.messages.append(
                _("Ngày “%(value)s” nằm ngoài khoảng năm %(first)s–%(last)s; đã bỏ qua.")
                % {"value": raw[:20], "first": FIRST_YEAR, "last": LAST_YEAR}
            )
            day = None
        dates.append(day)
    search.date_from, search.date_to = dates
    if search.date_from and search.date_to and search.date_from > search.date_to:
        search.date_from, search.date_to = search.date_to, search.date_from
    if not query:
        return search
    filters = filters_for(
        root,
        section=section,
        date_from=_local_midnight(search.date_from) if search.date_from else None,
        date_to=_local_midnight(search.date_to + datetime.timedelta(days=1)) if search.date_to else None,
    )
    offset = (search.page - 1) * PER_PAGE
    search.count, keys = engine.search_keys(query, filters, search.sort, offset, PER_PAGE)
    if search.count and not keys:
        # Past the last page: show the last one instead of an empty page.
        search.page = search.num_pages
        keys = engine.search_keys(query, filters, search.sort, (search.page - 1) * PER_PAGE, PER_PAGE)[1]
    search.results = _results(request, keys, query.highlight_forms(), search.categories)
    return search


def _columns():
    """Per searchable type (core.content): its ContentType id, kind name and the columns of its date, lead
    and body as read through the page row (`page__articlepage__lead`). One join per type, all in one query."""
    columns = {}
    for model, kind in content.searchable():
        table = f"page__{model._meta.model_name}__"
        names = (kind.search.date, kind.search.lead, kind.search.body)
        columns[ContentType.objects.get_for_model(model).pk] = (kind.name, [name and table + name for name in names])
    return columns


def _results(request, keys, forms, sections):
    """The entries' pages, in the order of `keys`, read in one query."""
    types = _columns()
    read = [name for _, names in types.values() for name in names if name]
    rows = {
        row[0]: row
        for row in SearchEntry.objects.filter(rank_key__in=keys).values_list(
            "rank_key", "page_id", "page__title", "page__url_path", "page__path", "page__content_type_id", *read
        )
    }
    # Articles sit in categories, which the site bundle already holds; others are looked up.
    parents = {section.path: section.title for section in sections}
    missing = {row[4][:-STEP] for row in rows.values()} - parents.keys()
    if missing:
        parents |= dict(Page.objects.filter(path__in=missing).values_list("path", "title"))
    found = []
    for key in keys:
        if key not in rows or rows[key][5] not in types:  # a type no longer searchable: left to the next rebuild
            continue
        _, pk, title, url_path, path, type_id, *values = rows[key]
        texts = dict(zip(read, values, strict=True))
        kind, (date, lead, body) = types[type_id]
        found.append(
            Result(
                title=title,
                title_html=highlight(title, forms),
                # Wagtail's own URL logic (site root paths, kept on the request), without loading the page.
                url=Page(pk=pk, url_path=url_path, path=path).get_url(request=request),
                published=texts[date],
                category=parents.get(path[:-STEP], ""),
                snippet=snippet([texts.get(lead) or "", body_text(texts.get(body))], forms),
                kind=kind,
                page_id=pk,
            )
        )
    _locate(found, forms)
    return found


def _locate(found, forms):
    """Each result's page inside its files, from the types that can tell (SearchFields.locate)."""
    by_kind = {kind.name: kind.search.locate for _, kind in content.searchable() if kind.search.locate}
    for name, locate in by_kind.items():
        ids = [result.page_id for result in found if result.kind == name]
        if ids:
            pages = locate(ids, forms)
            for result in found:
                if result.kind == name:
                    result.page = pages.get(result.page_id)
