"""Staff add documents through Wagtail's admin: the number check, the workflow, "bản quét" on scans."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from documents.models import DocumentIndexPage, DocumentPage, DocumentType
from documents.tests.conftest import sample_pdf
from editorial.models import Role
from editorial.tests.fixtures import login_verified

pytestmark = pytest.mark.django_db


def _stored(name, data):
    document = Document(title=name)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def _form(site, number, document, issued="10/03/2025", action="action-publish"):
    data = nested_form_data(
        {
            "doc_type": DocumentType.objects.get(site=site, slug="quyet-dinh").pk,
            "number": number,
            "summary": "Về việc kiện toàn tổ hoà giải ở cơ sở",
            "issuer": "UBND phường Hồng Gai",
            "signer": "",
            "issued": issued,
            "effective": "",
            "expires": "",
            "doc_field": "",
            "slug": "",
            "seo_title": "",
            "search_description": "",
            "files": inline_formset([{"document": document.pk, "label": "", "text_note": ""}]),
            "relations": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def _add(client, site, number, document, **kw):
    section = DocumentIndexPage.objects.child_of(site.root_page).get()
    url = reverse("wagtailadmin_pages:add", args=["documents", "documentpage", section.pk])
    return client.post(url, _form(site, number, document, **kw))


def test_a_chief_publishes_a_document_and_a_clashing_number_is_refused_in_vietnamese(client, ward_site, make_staff):
    login_verified(client, make_staff(ward_site, Role.CHIEF))
    pdf = _stored("qd.pdf", sample_pdf(("Kiện toàn tổ hoà giải",)))
    assert _add(client, ward_site, "15/QĐ-UBND", pdf).status_code == 302
    page = DocumentPage.objects.get()
    assert page.live and page.title.startswith("Quyết định 15/QĐ-UBND")

    response = _add(client, ward_site, "15/QD-UBND", pdf)  # the same number spelled without marks
    assert response.status_code == 200
    assert "Số, ký hiệu “15/QD-UBND” đã dùng cho một quyết định năm 2025" in response.content.decode()
    assert DocumentPage.objects.count() == 1
    # Another year may reuse it.
    assert _add(client, ward_site, "15/QĐ-UBND", pdf, issued="05/01/2026").status_code == 302


def test_a_reporter_submits_for_approval_instead_of_publishing(client, ward_site, make_staff):
    login_verified(client, make_staff(ward_site, Role.REPORTER))
    pdf = _stored("qd.pdf", sample_pdf(("Kiện toàn tổ hoà giải",)))
    response = _add(client, ward_site, "16/QĐ-UBND", pdf, action="action-submit")
    assert response.status_code == 302
    page = DocumentPage.objects.get()
    assert not page.live
    assert page.current_workflow_state is not None


def test_a_scan_is_marked_in_the_admin(client, ward_site, make_staff):
    login_verified(client, make_staff(ward_site, Role.CHIEF))
    scan = _stored("scan.pdf", sample_pdf((), ()))
    assert _add(client, ward_site, "17/QĐ-UBND", scan).status_code == 302
    page = DocumentPage.objects.get()
    attached = page.files.get()
    assert attached.scanned and attached.page_count == 2
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Bản quét" in edit


def test_type_of_another_site_is_refused(client, ward_site, other_site, make_staff):
    login_verified(client, make_staff(ward_site, Role.CHIEF))
    pdf = _stored("qd.pdf", sample_pdf(("Kiện toàn tổ hoà giải",)))
    data = _form(ward_site, "18/QĐ-UBND", pdf)
    data["doc_type"] = DocumentType.objects.get(site=other_site, slug="quyet-dinh").pk
    section = DocumentIndexPage.objects.child_of(ward_site.root_page).get()
    response = client.post(reverse("wagtailadmin_pages:add", args=["documents", "documentpage", section.pk]), data)
    assert response.status_code == 200
    assert not DocumentPage.objects.exists()  # not among the choices offered, and refused by the model too
    other_type = DocumentType.objects.get(site=other_site, slug="quyet-dinh")
    assert other_type not in response.context["form"].fields["doc_type"].queryset


def test_the_model_refuses_another_sites_type_on_any_way_in(ward_site, other_site):
    from django.core.exceptions import ValidationError

    page = DocumentPage(
        number="19/QĐ-UBND",
        summary="Về việc thử",
        issuer="UBND phường Hồng Gai",
        issued=datetime.date(2025, 3, 1),
        doc_type=DocumentType.objects.get(site=other_site, slug="quyet-dinh"),
    )
    with pytest.raises(ValidationError) as refused:
        page.full_clean_for_import(DocumentIndexPage.objects.child_of(ward_site.root_page).get())
    assert "thuộc trang phường khác" in str(refused.value)
