"""Each ward's chief editors and administrators edit their own site's lists of types and fields, no other's."""

import pytest
from django.urls import reverse

from documents.models import DocumentType
from editorial.models import Role
from editorial.tests.fixtures import login_verified

pytestmark = pytest.mark.django_db


def test_a_chief_edits_the_own_sites_list_only(client, ward_site, other_site, make_staff):
    login_verified(client, make_staff(ward_site, Role.CHIEF))
    listing = client.get(reverse("wagtailsnippets_documents_documenttype:list"))
    assert listing.status_code == 200
    names = [str(item.site_id) for item in listing.context["object_list"]]
    assert set(names) == {str(ward_site.pk)}

    added = client.post(
        reverse("wagtailsnippets_documents_documenttype:add"),
        {"site": ward_site.pk, "name": "Quy chế", "slug": "", "sort_order": 20},
    )
    assert added.status_code == 302
    assert DocumentType.objects.filter(site=ward_site, slug="quy-che").exists()

    refused = client.post(
        reverse("wagtailsnippets_documents_documenttype:add"),
        {"site": other_site.pk, "name": "Lạ", "slug": "", "sort_order": 1},
    )
    assert refused.status_code == 200 and not DocumentType.objects.filter(slug="la").exists()

    theirs = DocumentType.objects.get(site=other_site, slug="quyet-dinh")
    for view in ("edit", "delete", "copy", "usage"):
        response = client.get(reverse(f"wagtailsnippets_documents_documenttype:{view}", args=[theirs.pk]))
        assert response.status_code == 404 or response.url == "/admin/"  # not found, or sent back to the dashboard
    assert client.post(reverse("wagtailsnippets_documents_documenttype:delete", args=[theirs.pk])).status_code == 404
    assert DocumentType.objects.filter(pk=theirs.pk).exists()


def test_a_reporter_cannot_edit_the_lists(client, ward_site, make_staff):
    login_verified(client, make_staff(ward_site, Role.REPORTER))
    response = client.get(reverse("wagtailsnippets_documents_documenttype:list"))
    assert response.status_code in (302, 403)
