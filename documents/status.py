"""A document's legal status (tình trạng hiệu lực), derived from its dates and the documents that act on it.

The status itself is never stored: it changes with the calendar. What is stored is the part only other documents
decide: on each document, the earliest effective date of a live document replacing it (`replaced_on`) and of
one amending it (`amended_on`), kept by refresh_acted_on() whenever a document is saved (published,
unpublished, its relations or effective date changed) or a relation deleted. Whether that day has come is
still compared with today in the query, so no daily job is needed, and the /van-ban/ status filter reads two
columns instead of two subqueries over the relations and the page tree. `today()` is the one clock, so tests
can set it.
"""

from dataclasses import dataclass

from django.db.models import Min, OuterRef, Q, Subquery
from django.utils import timezone

VALID = "con-hieu-luc"
PARTLY_EXPIRED = "het-hieu-luc-mot-phan"
EXPIRED = "het-hieu-luc"
NOT_YET = "chua-co-hieu-luc"
LABELS = {
    VALID: "Còn hiệu lực",
    PARTLY_EXPIRED: "Hết hiệu lực một phần",
    EXPIRED: "Hết hiệu lực toàn bộ",
    NOT_YET: "Chưa có hiệu lực",
}

REPLACES = "replaces"
AMENDS = "amends"


def today():
    return timezone.localdate()


@dataclass(frozen=True)
class Status:
    code: str
    by: object = None  # the live document that replaced or amended this one

    @property
    def label(self):
        return LABELS[self.code]


def _earliest(kind):
    """The earliest effective date of a live document acting on the outer document by `kind` (None: none)."""
    from documents.models import DocumentRelation

    acting = DocumentRelation.objects.filter(target=OuterRef("pk"), kind=kind, source__live=True)
    return Subquery(acting.order_by().values("target").annotate(day=Min("source__effective")).values("day")[:1])


def refresh_acted_on(target_ids=(), source_id=None):
    """Recompute `replaced_on` and `amended_on` of the documents `target_ids` and of those `source_id` (a
    document just saved) now relates to: one UPDATE by primary key."""
    from documents.models import DocumentPage, DocumentRelation

    ids = {pk for pk in target_ids if pk}
    if source_id:
        # Read first: "pk IN (…) OR pk IN (subquery)" would scan every document (20 ms at 20,000).
        ids.update(DocumentRelation.objects.filter(source_id=source_id).values_list("target_id", flat=True))
    if ids:
        DocumentPage.objects.filter(pk__in=ids).update(replaced_on=_earliest(REPLACES), amended_on=_earliest(AMENDS))


def _acted_on(document, field, day):
    acting = getattr(document, field)
    return acting is not None and acting <= day


def _conditions(day):
    """The order of status_of() (expired, not yet, partly, valid), on the stored dates."""
    replaced, lapsed = Q(replaced_on__lte=day), Q(expires__lt=day)
    ahead, amended = Q(effective__gt=day), Q(amended_on__lte=day)
    return {
        EXPIRED: replaced | lapsed,
        NOT_YET: ahead & ~replaced & ~lapsed,
        PARTLY_EXPIRED: amended & ~replaced & ~lapsed & ~ahead,
        VALID: ~replaced & ~lapsed & ~ahead & ~amended,
    }


def filter_by(queryset, code, day=None):
    """Documents with status `code` on `day`."""
    return queryset.filter(_conditions(day or today())[code])


def status_of(document, day=None):
    """The status of one document on `day`, with the document that ended or changed it."""
    day = day or today()
    acting = {}
    if not (document.expires and document.expires < day):
        for relation in document.acted_on_by(day):
            acting.setdefault(relation.kind, relation.source)
    return _decide(document, day, acting.get(REPLACES), acting.get(AMENDS))


def listed_status(document, day=None):
    """The status of a document from its stored dates, without the acting document: no query (a listing's rows)."""
    day = day or today()
    return _decide(document, day, _acted_on(document, "replaced_on", day), _acted_on(document, "amended_on", day))


def _decide(document, day, replaced, amended):
    """`replaced`, `amended`: the acting document, or just True when only known to exist."""
    if document.expires and document.expires < day:
        return Status(EXPIRED)
    if replaced:
        return Status(EXPIRED, None if replaced is True else replaced)
    if document.effective and document.effective > day:
        return Status(NOT_YET)
    if amended:
        return Status(PARTLY_EXPIRED, None if amended is True else amended)
    return Status(VALID)
