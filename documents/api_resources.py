"""Official documents in the public API (api.registry): /api/documents/, with their files, status and
relations; also open data (/api/open-data/documents.csv|.json)."""

import datetime

from ninja import Schema

from api.items import PageItem, page_fields
from api.registry import Filter, Resource
from core.public_urls import absolute_url
from documents import status as statuses
from documents.models import INCOMING_LABELS, DocumentField, DocumentFile, DocumentPage, DocumentRelation, DocumentType


class Status(Schema):
    code: str
    label: str


class File(Schema):
    label: str
    url: str
    format: str
    pages: int | None
    scanned: bool


class Relation(Schema):
    kind: str
    label: str
    document_id: int
    title: str


class Document(PageItem):
    number: str
    type: str | None
    field: str | None
    issuer: str
    signer: str
    issued: datetime.date
    effective: datetime.date | None
    expires: datetime.date | None
    summary: str
    status: Status
    files: list[File]
    relations: list[Relation]


def _queryset(site):
    return DocumentPage.objects.in_section(site.root_page).defer("file_text", "folded_text")


def _by_slug(model, name):
    def apply(queryset, slug, site):
        return queryset.filter(**{f"{name}__in": model.objects.filter(site=site, slug=slug)})

    return apply


def _prepare(documents):
    """Files and relations (both ways, live documents only) of a page of documents, in three queries."""
    ids = [document.pk for document in documents]
    files, relations = {}, {}
    for attached in DocumentFile.objects.filter(page_id__in=ids).select_related("document").order_by("sort_order"):
        files.setdefault(attached.page_id, []).append(attached)
    outgoing = DocumentRelation.objects.filter(source_id__in=ids, target__live=True).select_related("target")
    for relation in outgoing.order_by("sort_order"):
        relations.setdefault(relation.source_id, []).append(
            (relation.kind, str(relation.get_kind_display()), relation.target)
        )
    incoming = DocumentRelation.objects.filter(target_id__in=ids, source__live=True).select_related("source")
    for relation in incoming.order_by("pk"):
        relations.setdefault(relation.target_id, []).append(
            (f"{relation.kind}_by", str(INCOMING_LABELS[relation.kind]), relation.source)
        )
    for document in documents:
        document.api_files = files.get(document.pk, [])
        document.api_relations = relations.get(document.pk, [])


def _document(document, request):
    base = page_fields(document, request)
    status = statuses.listed_status(document)
    return base | {
        "number": document.number,
        "type": document.doc_type.name if document.doc_type else None,
        "field": document.doc_field.name if document.doc_field else None,
        "issuer": document.issuer,
        "signer": document.signer,
        "issued": document.issued,
        "effective": document.effective,
        "expires": document.expires,
        "summary": document.summary,
        "status": {"code": status.code, "label": status.label},
        "files": [
            {
                "label": attached.label or attached.document.title,
                # The document page's own download route (documents.downloads), as its page links it.
                "url": absolute_url(request, base["url"] + f"tep/{position}/"),
                "format": attached.extension,
                "pages": attached.page_count,
                "scanned": attached.scanned,
            }
            for position, attached in enumerate(getattr(document, "api_files", []), start=1)
        ],
        "relations": [
            {"kind": kind, "label": label, "document_id": other.pk, "title": other.title}
            for kind, label, other in getattr(document, "api_relations", [])
        ],
    }


RESOURCES = [
    Resource(
        name="documents",
        description="Official documents (văn bản) of the site, newest issue first, with their legal status on "
        "today's date, files and relations (replaces, amends, guides, based on; `…_by` seen from the other side).",
        schema=Document,
        queryset=_queryset,
        item=_document,
        prepare=_prepare,
        date_field="issued",
        filters=(
            Filter(
                "status",
                "Legal status today.",
                lambda queryset, code, site: statuses.filter_by(queryset, code),
                choices=tuple(statuses.LABELS),
            ),
            Filter("type", "Slug of a document type of the site.", _by_slug(DocumentType, "doc_type")),
            Filter("field", "Slug of a field of the site.", _by_slug(DocumentField, "doc_field")),
        ),
        open_data=True,
        tags=("documents",),
    ),
]
