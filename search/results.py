"""A search request, from query-string parameters to a page of results ready to show or serialise."""

import datetime
import math
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from search import query as engine
from search.documents import STEP, body_text
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
    # The site, its home page and categories, as wards.sitecache keeps them in memory.
    bundle = getattr(request, "ward_bundle", None)
    if bundle is None:
        return search
    root = bundle.home
    search.categories = bundle.categories
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
    filters = engine.filters_for(
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


def _results(request, keys, forms, categories):
    """The entries' articles, in the order of `keys`, read in one query."""
    rows = {
        row[0]: row
        for row in SearchEntry.objects.filter(rank_key__in=keys).values_list(
            "rank_key",
            "page_id",
            "page__title",
            "page__url_path",
            "page__path",
            "page__articlepage__published_at",
            "page__articlepage__lead",
            "page__articlepage__body",
        )
    }
    # Articles sit in categories, which the site bundle already holds; others are looked up.
    parents = {category.path: category.title for category in categories}
    missing = {row[4][:-STEP] for row in rows.values()} - parents.keys()
    if missing:
        parents |= dict(Page.objects.filter(path__in=missing).values_list("path", "title"))
    found = []
    for key in keys:
        if key not in rows:
            continue
        _, pk, title, url_path, path, published, lead, body = rows[key]
        found.append(
            Result(
                title=title,
                title_html=highlight(title, forms),
                # Wagtail's own URL logic (site root paths, kept on the request), without loading the page.
                url=Page(pk=pk, url_path=url_path, path=path).get_url(request=request),
                published=published,
                category=parents.get(path[:-STEP], ""),
                snippet=snippet([lead, body_text(body)], forms),
            )
        )
    return found
