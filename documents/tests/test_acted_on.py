"""The dates other documents decide (replaced_on, amended_on) stay right as documents are published, revised,
unpublished and deleted, and the status they give moves with the (frozen) clock without any job."""

import datetime

import pytest
from django.test import RequestFactory

from documents import status as statuses
from documents.listing import listing_context
from documents.models import DocumentIndexPage, DocumentPage, DocumentRelation

pytestmark = pytest.mark.django_db


def _listed(site, **params):
    section = DocumentIndexPage.objects.child_of(site.root_page).get()
    context = listing_context(section, RequestFactory(HTTP_HOST="localhost").get("/van-ban/", params))
    return {document.number: status.code for document, status in context["rows"]}


def _stored(document):
    return DocumentPage.objects.values_list("replaced_on", "amended_on").get(pk=document.pk)


def _revise(document, **changes):
    page = DocumentPage.objects.get(pk=document.pk)
    relations = changes.pop("relations", None)
    for name, value in changes.items():
        setattr(page, name, value)
    if relations is not None:
        page.relations = [DocumentRelation(kind=kind, target=target) for kind, target in relations]
    return page.save_revision()


def test_a_replacement_is_stored_when_published_and_takes_effect_on_its_date(ward_site, make_document, frozen_today):
    old = make_document(ward_site, "3/QĐ-UBND", issued=datetime.date(2024, 1, 5))
    new = make_document(
        ward_site,
        "21/QĐ-UBND",
        issued=datetime.date(2025, 5, 20),
        effective=datetime.date(2025, 7, 1),
        relations=[(statuses.REPLACES, old)],
        publish=False,
        live=False,  # a draft, as the admin creates it
    )
    assert _stored(old) == (None, None)  # a draft acts on nothing
    new.save_revision().publish()
    assert _stored(old) == (datetime.date(2025, 7, 1), None)

    frozen_today(datetime.date(2025, 6, 30))
    assert _listed(ward_site)["3/QĐ-UBND"] == statuses.VALID
    assert "3/QĐ-UBND" in _listed(ward_site, **{"tinh-trang": statuses.VALID})
    assert "3/QĐ-UBND" not in _listed(ward_site, **{"tinh-trang": statuses.EXPIRED})
    assert old.status().code == statuses.VALID
    frozen_today(datetime.date(2025, 7, 1))  # the day the replacement comes into force: no job ran
    assert _listed(ward_site)["3/QĐ-UBND"] == statuses.EXPIRED
    assert "3/QĐ-UBND" in _listed(ward_site, **{"tinh-trang": statuses.EXPIRED})
    assert "3/QĐ-UBND" not in _listed(ward_site, **{"tinh-trang": statuses.VALID})
    assert old.status().code == statuses.EXPIRED


def test_unpublishing_or_deleting_the_replacement_puts_the_old_document_back_in_force(
    ward_site, make_document, frozen_today
):
    frozen_today(datetime.date(2025, 8, 1))
    old = make_document(ward_site, "3/QĐ-UBND", issued=datetime.date(2024, 1, 5))
    amended = make_document(ward_site, "4/QĐ-UBND", issued=datetime.date(2024, 1, 6))
    new = make_document(
        ward_site,
        "20/QĐ-UBND",
        issued=datetime.date(2025, 4, 1),
        relations=[(statuses.REPLACES, old), (statuses.AMENDS, amended)],
    )
    assert _listed(ward_site)["3/QĐ-UBND"] == statuses.EXPIRED
    assert _listed(ward_site)["4/QĐ-UBND"] == statuses.PARTLY_EXPIRED

    DocumentPage.objects.get(pk=new.pk).unpublish()
    assert _stored(old) == (None, None) and _stored(amended) == (None, None)
    assert _listed(ward_site) == {"3/QĐ-UBND": statuses.VALID, "4/QĐ-UBND": statuses.VALID}

    _revise(new).publish()  # published again: acts again
    assert _stored(old) == (datetime.date(2025, 4, 1), None)
    assert _stored(amended) == (None, datetime.date(2025, 4, 1))

    DocumentPage.objects.get(pk=new.pk).delete()
    assert _stored(old) == (None, None) and _stored(amended) == (None, None)
    assert _listed(ward_site, **{"tinh-trang": statuses.VALID}) == {
        "3/QĐ-UBND": statuses.VALID,
        "4/QĐ-UBND": statuses.VALID,
    }


def test_a_revision_changing_relations_or_dates_moves_the_stored_dates(ward_site, make_document, frozen_today):
    frozen_today(datetime.date(2025, 8, 1))
    first = make_document(ward_site, "3/QĐ-UBND", issued=datetime.date(2024, 1, 5))
    second = make_document(ward_site, "4/QĐ-UBND", issued=datetime.date(2024, 1, 6))
    acting = make_document(
        ward_site, "20/QĐ-UBND", issued=datetime.date(2025, 4, 1), relations=[(statuses.AMENDS, first)]
    )
    assert _stored(first) == (None, datetime.date(2025, 4, 1))

    # A draft changes nothing; its publication moves the relation to the second document, with a later date.
    revision = _revise(acting, effective=datetime.date(2025, 9, 1), relations=[(statuses.REPLACES, second)])
    assert _stored(first) == (None, datetime.date(2025, 4, 1)) and _stored(second) == (None, None)
    revision.publish()
    assert _stored(first) == (None, None)
    assert _stored(second) == (datetime.date(2025, 9, 1), None)
    assert _listed(ward_site)["4/QĐ-UBND"] == statuses.VALID  # not yet: 1 September
    frozen_today(datetime.date(2025, 9, 1))
    assert _listed(ward_site)["4/QĐ-UBND"] == statuses.EXPIRED

    # The replaced document's own revisions carry an old copy of its stored dates: publishing one keeps them right.
    _revise(second, summary="Về việc sửa lỗi chính tả.").publish()
    assert _stored(second) == (datetime.date(2025, 9, 1), None)


def test_the_earliest_live_acting_document_counts(ward_site, make_document, frozen_today):
    frozen_today(datetime.date(2025, 8, 1))
    old = make_document(ward_site, "3/QĐ-UBND", issued=datetime.date(2024, 1, 5))
    later = make_document(ward_site, "30/QĐ-UBND", issued=datetime.date(2025, 6, 1), relations=[(statuses.AMENDS, old)])
    earlier = make_document(
        ward_site, "25/QĐ-UBND", issued=datetime.date(2025, 3, 1), relations=[(statuses.AMENDS, old)]
    )
    assert _stored(old) == (None, datetime.date(2025, 3, 1))
    DocumentPage.objects.get(pk=earlier.pk).unpublish()
    assert _stored(old) == (None, datetime.date(2025, 6, 1))
    DocumentPage.objects.get(pk=later.pk).unpublish()
    assert _stored(old) == (None, None)
