"""The /van-ban/ listing: filters from the query string (loai, linh-vuc, co-quan, nam, tinh-trang, q).

Every value is checked against what exists; an unknown or absurd one is dropped and said, never an error.
"""

import re

from django.core.paginator import Paginator
from django.http import QueryDict

from core.text import fold
from documents import status as statuses

PER_PAGE = 20
MAX_PAGE = 10_000
MAX_QUERY_CHARS = 200
FIRST_YEAR, LAST_YEAR = 1945, 2100
_WORD = re.compile(r"[a-z0-9]+")


def _page_number(raw):
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


def listing_context(section, request):
    from documents.models import DocumentField, DocumentPage, DocumentType

    params = request.GET
    site = section.get_site()
    types = list(DocumentType.objects.filter(site=site))
    fields = list(DocumentField.objects.filter(site=site))
    documents = DocumentPage.objects.in_section(section)
    issuers = sorted(set(documents.order_by().values_list("issuer", flat=True)))
    years = sorted({day.year for day in documents.order_by().dates("issued", "year")}, reverse=True)
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
    documents = statuses.annotate(documents)
    status_code = pick("tinh-trang", list(statuses.LABELS), lambda code: code)
    if status_code:
        documents = statuses.filter_by(documents, status_code)
    text = " ".join((params.get("q") or "").split())[:MAX_QUERY_CHARS]
    for word in _WORD.findall(fold(text))[:8]:
        documents = documents.filter(folded_text__contains=word)
    if text:
        chosen["q"] = text

    page_obj = Paginator(documents, PER_PAGE).get_page(_page_number(params.get("page")))
    day = statuses.today()
    rows = [(document, statuses.status_of(document, day)) for document in page_obj.object_list]
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
