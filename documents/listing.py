"""The /van-ban/ listing: filters from the query string (loai, linh-vuc, co-quan, nam, tinh-trang, q).

Every value is checked against what exists; an unknown or absurd one is dropped and said, never an error.
"""

import logging
import re

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast, ExtractYear, Substr
from django.http import QueryDict

from core.generations import shared_cache
from core.paging import page_number
from core.text import fold
from documents import status as statuses
from pagecache.store import recent_generations

logger = logging.getLogger(__name__)
FACETS_SECONDS = 24 * 3600

PER_PAGE = 20
MAX_QUERY_CHARS = 200
FIRST_YEAR, LAST_YEAR = 1945, 2100
_WORD = re.compile(r"[a-z0-9]+")


def _facets(site, section, documents):
    """The issuers and years the filters offer. Reading them scans every document of the section (60 ms for
    20,000 on SQLite), so they are kept in the shared cache under the page cache's generations of the site and
    of the section's URL group, which publishing, unpublishing, moving or deleting one of its documents bumps."""

    def read():
        issuers = sorted(documents.order_by().values_list("issuer", flat=True).distinct())
        return issuers, _years(documents)

    try:
        generations = recent_generations(site.pk, section.slug)
        key = f"documents:facets:{section.pk}:{generations[0]}:{generations[1]}"
        found = shared_cache().get(key)
    except Exception:  # noqa: BLE001 - without the cache the listing still works, only slower
        logger.warning("documents: facets cache unavailable", exc_info=True)
        return read()
    if found is None:
        found = read()
        try:
            shared_cache().set(key, found, FACETS_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("documents: facets cache unavailable", exc_info=True)
    return found


def _years(documents):
    """The years documents were issued in, newest first. On SQLite, Django's year functions are Python called
    once a row (40 ms for 20,000 documents); the year is the date's first four characters there, as stored."""
    year = Substr(Cast("issued", CharField()), 1, 4) if connection.vendor == "sqlite" else ExtractYear("issued")
    found = documents.order_by().annotate(year=year).values_list("year", flat=True).distinct()
    return sorted({int(value) for value in found if str(value).isdigit()}, reverse=True)


def listing_context(section, request):
    from documents.models import DocumentField, DocumentPage, DocumentType

    params = request.GET
    site = section.get_site()
    types = list(DocumentType.objects.filter(site=site))
    fields = list(DocumentField.objects.filter(site=site))
    # The files' and folded text can be long and are not shown: never fetched here.
    documents = DocumentPage.objects.in_section(section).defer("file_text", "folded_text")
    issuers, years = _facets(site, section, documents)
    chosen, notes = {}, []

    def pick(name, options, key):
        raw = (params.get(name) or "").strip()[:MAX_QUERY_CHARS]
        if not raw:
            return None
        found = next((option for option in options if key(option) == raw), None)
        if found is None:
            notes.append(f"Bộ lọc “{name}” không có giá trị “{raw[:40]}”; đã bỏ qua.")
        else:
            chosen[name] = raw
        return found

    doc_type = pick("loai", types, lambda t: t.slug)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    doc_field = pick("linh-vuc", fields, lambda f: f.slug)
    if doc_field:
        documents = documents.filter(doc_field=doc_field)
    issuer = pick("co-quan", issuers, lambda i: i)
    if issuer:
        documents = documents.filter(issuer=issuer)
    year = pick("nam", [y for y in years if FIRST_YEAR <= y <= LAST_YEAR], str)
    if year:
        documents = documents.filter(issued__year=year)
    day = statuses.today()
    status_code = pick("tinh-trang", list(statuses.LABELS), lambda code: code)
    if status_code:
        documents = statuses.filter_by(documents, status_code, day)
    text = " ".join((params.get("q") or "").split())[:MAX_QUERY_CHARS]
    for word in _WORD.findall(fold(text))[:8]:
        documents = documents.filter(folded_text__contains=word)
    if text:
        chosen["q"] = text

    page_obj = Paginator(documents, PER_PAGE).get_page(page_number(params.get("page")))
    # From the stored dates the status filter reads: no query per row.
    rows = [(document, statuses.listed_status(document, day)) for document in page_obj.object_list]
    query = QueryDict(mutable=True)
    query.update(chosen)
    return {
        "page_obj": page_obj,
        "rows": rows,
        "filters": {name.replace("-", "_"): value for name, value in chosen.items()},
        "filter_notes": notes,
        "filter_query": query.urlencode(),
        "doc_types": types,
        "doc_fields": fields,
        "issuers": issuers,
        "years": years,
        "statuses": list(statuses.LABELS.items()),
        "search_text": text,
    }
