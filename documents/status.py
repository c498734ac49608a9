"""A document's legal status (tình trạng hiệu lực), derived from its dates and the documents that act on it.

Never stored: it changes with the calendar. `today()` is the one clock, so tests can set it.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
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


def _acting(model, kind, day):
    """Live relations of `kind` whose acting document is in force on `day`, aimed at the outer document."""
    return model.objects.filter(target=OuterRef("pk"), kind=kind, source__live=True, source__effective__lte=day).values(
        "pk"
    )


def annotate(queryset, day=None):
    """Each document with `is_replaced` and `is_amended` on `day`, for status_of() and filter_by()."""
    from documents.models import DocumentRelation

    day = day or today()
    return queryset.annotate(
        is_replaced=Exists(_acting(DocumentRelation, REPLACES, day)),
        is_amended=Exists(_acting(DocumentRelation, AMENDS, day)),
    )


def _conditions(day):
    """The order of status_of() (expired, not yet, partly, valid) written so each flag appears once a condition:
    an Exists repeated in a condition is evaluated again (PostgreSQL planned five subqueries for "valid")."""
    replaced, lapsed = Q(is_replaced=True), Q(expires__lt=day)
    ahead, amended = Q(effective__gt=day), Q(is_amended=True)
    return {
        EXPIRED: replaced | lapsed,
        NOT_YET: ahead & ~replaced & ~lapsed,
        PARTLY_EXPIRED: amended & ~replaced & ~lapsed & ~ahead,
        VALID: ~replaced & ~lapsed & ~ahead & ~amended,
    }


def filter_by(queryset, code, day=None):
    """Documents (annotated) with status `code` on `day`."""
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
    """The status of a document of annotate()'s queryset, from its flags: no query (a listing's rows)."""
    return _decide(document, day or today(), document.is_replaced, document.is_amended)


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
