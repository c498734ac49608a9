"""import_documents writes new documents in batches (core.bulk.NewPages): each ends up as Wagtail's own add_child
and publish (the importer's line-by-line path) would leave it, and a refused line leaves nothing of itself."""

import datetime
import json

import pytest
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from archive.models import ArchivedVersion
from audit.models import AuditEntry
from core.importing import read_lines
from documents.importing import DocumentImporter
from documents.models import DocumentIndexPage, DocumentPage
from documents.tests.conftest import sample_pdf
from documents.tests.test_import import _record
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def _wagtail_way(importer, number, record):
    """The reference: the line saved by add_child and save_revision().publish(), one document at a time."""
    line = importer.parse(number, json.dumps(record, ensure_ascii=False))
    _outcome, page = importer.save(line)
    return DocumentPage.objects.get(pk=page.pk)


def _state(page):
    """What a published document is made of, without what differs by nature between two (ids, times, number)."""
    page.refresh_from_db()
    revision = page.live_revision
    differ = {"pk", "path", "title", "title_vi", "draft_title", "slug", "url_path", "translation_key", "number"}
    differ |= {"summary", "number_key", "folded_text", "files", "relations", "issued_at"}
    content = {k: v for k, v in revision.content.items() if k not in differ}
    return {
        "tree": (page.depth, page.get_parent().pk, page.numchild),
        "flags": (page.live, page.has_unpublished_changes, page.expired, page.draft_title == page.title),
        "dates": (page.first_published_at == page.last_published_at, page.latest_revision_created_at is not None),
        "revision": (page.latest_revision_id == revision.pk, revision.user_id, content),
        "revision_files": [
            (f["page_count"], f["scanned"], f["page_texts"], f["read_hash"]) for f in revision.content["files"]
        ],
        "revision_relations": [r["kind"] for r in revision.content["relations"]],
        "revisions": page.revisions.count(),
        "log": sorted(
            (e.action, e.content_changed, e.revision_id == revision.pk) for e in PageLogEntry.objects.filter(page=page)
        ),
        "audit": sorted((e.action, e.object_type, e.site_id) for e in AuditEntry.objects.filter(object_id=page.pk)),
        "archive": ArchivedVersion.objects.filter(page=page, revision=revision).count(),
        "files": [
            (f.page_count, f.scanned, f.page_texts, f.text_note, f.document.file_size, f.document.file_hash)
            for f in page.files.select_related("document")
        ],
        "references": len(ReferenceIndex.get_references_for_object(page)),
        "search": SearchEntry.objects.filter(page_id=page.pk).count(),
        "derived": (page.effective, page.file_text, page.replaced_on),
    }


def test_a_batch_writes_the_documents_wagtail_would(ward_site, tmp_path, client, frozen_today):
    frozen_today(datetime.date(2026, 1, 1))
    (tmp_path / "quy-che.pdf").write_bytes(sample_pdf(("Quy chế làm việc",), ("Điều 5 về bao cát đèn pin",)))
    importer = DocumentImporter(ward_site, tmp_path)
    old_a = _wagtail_way(importer, 1, _record("1/QĐ-UBND"))
    old_b = _wagtail_way(importer, 2, _record("2/QĐ-UBND"))
    reference = _wagtail_way(importer, 3, _record("3/QĐ-UBND", files=["quy-che.pdf"], replaces=["1/QĐ-UBND"]))
    old_a.refresh_from_db()
    assert old_a.replaced_on == reference.effective

    lines = [
        _record("4/QĐ-UBND", files=["quy-che.pdf"], replaces=["2/QĐ-UBND"]),
        _record("5/QĐ-UBND", effective="2025-01-01"),  # before its issue date: refused in the batch's middle
        _record("6/QĐ-UBND", amends=["4/QĐ-UBND"]),  # relates to a document of the same batch
    ]
    path = tmp_path / "van-ban.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n")
    pages_before = Page.objects.count()
    report = DocumentImporter(ward_site, tmp_path).import_lines(read_lines(path))

    assert (report.created, report.updated, len(report.errors)) == (2, 0, 1)
    assert report.errors[0][0] == 2 and "hiệu lực" in str(report.errors[0][1])
    assert Page.objects.count() == pages_before + 2
    assert not DocumentPage.objects.filter(number="5/QĐ-UBND").exists()
    batch = DocumentPage.objects.get(number="4/QĐ-UBND")
    expected = _state(reference)
    assert expected["files"][0][0] == 2 and expected["log"] and expected["audit"] and expected["archive"]
    assert _state(batch) == expected

    # Relations both ways, with the stored dates of the documents acted on.
    old_b.refresh_from_db()
    assert old_b.replaced_on == batch.effective
    amending = DocumentPage.objects.get(number="6/QĐ-UBND")
    batch.refresh_from_db()
    assert batch.amended_on == amending.effective
    assert batch.status().label == "Hết hiệu lực một phần" and old_b.status().label == "Hết hiệu lực toàn bộ"
    assert [r.target_id for r in amending.relations.all()] == [batch.pk]

    # The tree is whole; served, found inside its file with the page number, and by the admin's search.
    assert all(not problems for problems in Page.find_problems())
    section = DocumentIndexPage.objects.child_of(ward_site.root_page).get()
    assert section.numchild == section.get_children().count() == 5
    assert client.get(batch.url).status_code == 200
    found = client.get("/api/search/", {"q": "bao cat den pin"}).json()["results"]
    hit = next(item for item in found if item["title"] == batch.title)
    assert hit["kind"] == "document" and hit["page"] == 2
    admin_found = list(Page.objects.search("Quyết định"))
    assert batch.page_ptr in admin_found and reference.page_ptr in admin_found

    # Again: nothing changes, nothing is duplicated.
    log_entries = PageLogEntry.objects.count()
    again = DocumentImporter(ward_site, tmp_path).import_lines(read_lines(path))
    assert (again.created, again.unchanged) == (0, 2) and PageLogEntry.objects.count() == log_entries


def test_the_same_number_twice_updates_and_the_cache_is_invalidated_once_per_batch(
    ward_site, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    from pagecache import signals

    calls = []
    monkeypatch.setattr(signals, "invalidate_groups", lambda site_id, groups: calls.append(site_id))
    monkeypatch.setattr(signals, "invalidate_site", lambda site_id: calls.append(site_id))
    monkeypatch.setattr(DocumentImporter, "BATCH", 2)
    lines = [_record("7/QĐ-UBND"), _record("7/QĐ-UBND", summary="Sửa lại trích yếu"), _record("8/QĐ-UBND")]
    path = tmp_path / "van-ban.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = DocumentImporter(ward_site, tmp_path).import_lines(read_lines(path))
    assert (report.created, report.updated, report.errors) == (2, 1, [])
    assert DocumentPage.objects.get(number="7/QĐ-UBND").summary == "Sửa lại trích yếu"
    assert calls == []  # nothing while a batch's transaction is open
    for callback in callbacks:
        callback()
    assert calls == [ward_site.pk, ward_site.pk]  # two batches of two lines and one
    assert all(not problems for problems in Page.find_problems())
