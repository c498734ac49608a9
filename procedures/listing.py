"""The /thu-tuc-hanh-chinh/ listing: procedures grouped by field, narrowed by `linh-vuc` and `q` (GET).

An unknown field is dropped and said, never an error; the query's words are matched accent-less.
"""

import re
from itertools import groupby

from core.text import fold

MAX_QUERY_CHARS = 200
MAX_WORDS = 8
_WORD = re.compile(r"[a-z0-9]+")


def listing_context(section, request):
    from procedures.models import ProcedurePage

    params = request.GET
    procedures = ProcedurePage.objects.in_section(section)
    fields = list(procedures.order_by("field_slug").values_list("field_slug", "field").distinct())
    fields = list(dict(fields).items())  # one name per slug, whatever spelling came last
    chosen, notes = {}, []

    field_slug = (params.get("linh-vuc") or "").strip()[:MAX_QUERY_CHARS]
    if field_slug:
        if field_slug in dict(fields):
            procedures = procedures.filter(field_slug=field_slug)
            chosen["linh_vuc"] = field_slug
        else:
            notes.append(f"Không có lĩnh vực “{field_slug[:40]}”; đã bỏ qua bộ lọc này.")
    text = " ".join((params.get("q") or "").split())[:MAX_QUERY_CHARS]
    for word in _WORD.findall(fold(text))[:MAX_WORDS]:
        procedures = procedures.filter(folded_text__contains=word)
    if text:
        chosen["q"] = text

    names = dict(fields)
    groups = [(names.get(slug, slug), list(items)) for slug, items in groupby(procedures, key=lambda p: p.field_slug)]
    return {
        "groups": groups,
        "count": sum(len(items) for _, items in groups),
        "fields": fields,
        "filters": chosen,
        "filter_notes": notes,
        "search_text": text,
    }
