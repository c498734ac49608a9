"""Documents made through the real code paths: Wagtail documents uploaded, pages added and published."""

import datetime
from functools import cache

import pytest
from django.core.files.base import ContentFile


@cache
def sample_pdf(*pages):
    from documents.pdfgen import make_pdf

    return make_pdf([list(page) for page in pages])


@pytest.fixture
def frozen_today(monkeypatch):
    """The documents' clock set to a fixed day (status depends on it)."""

    def set_day(day):
        monkeypatch.setattr("documents.status.today", lambda: day)
        return day

    return set_day


@pytest.fixture
def make_document():
    from wagtail.documents.models import Document

    from documents.models import DocumentField, DocumentFile, DocumentIndexPage, DocumentPage, DocumentType

    def make(
        site,
        number,
        summary="Về việc ban hành kế hoạch.",
        *,
        doc_type="quyet-dinh",
        field=None,
        files=(),
        issued=datetime.date(2025, 3, 10),
        issuer="UBND phường Hồng Gai",
        publish=True,
        relations=(),
        **kw,
    ):
        section = DocumentIndexPage.objects.child_of(site.root_page).get()
        page = DocumentPage(
            number=number,
            summary=summary,
            doc_type=DocumentType.objects.get(site=site, slug=doc_type),
            doc_field=DocumentField.objects.get(site=site, slug=field) if field else None,
            issuer=issuer,
            issued=issued,
            **kw,
        )
        for name, data in files:
            stored = Document(title=name)
            stored.file.save(name, ContentFile(data), save=False)
            stored.save()
            page.files.add(DocumentFile(document=stored))
        for kind, target in relations:
            page.relations.add(DocumentRelation(kind=kind, target=target))
        section.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    from documents.models import DocumentRelation

    return make
