"""core.bulk: a batch of new articles ends up as Wagtail's own add_child and publish would leave each of them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from PIL import Image
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from archive.models import ArchivedVersion
from audit.models import AuditEntry
from images.models import PortalImage
from news.importing import ArticleImporter, body_blocks
from news.models import ArticlePage, CategoryPage
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Hội nghị tổng kết công tác phòng chống thiên tai của phường.</p>"
    '<p><img src="/anh/de-dieu.png"></p><p><em>Đoàn kiểm tra đê điều</em></p>'
)


def record(number, **extra):
    return {
        "title": f"Phường Hồng Gai tổng kết phòng chống thiên tai, đợt {number}",
        "published": "2025-04-05T08:30:00+07:00",
        "lead": "Các khu phố báo cáo kết quả ứng phó bão.",
        "body": BODY,
        "category": "tin-tuc-su-kien",
        "original_url": f"http://cu.example.gov.vn/tin/{number}",
        **extra,
    }


@pytest.fixture
def picture():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(buffer, "PNG")
    image = PortalImage(title="Đê điều", file=SimpleUploadedFile("de-dieu.png", buffer.getvalue()))
    image.save()
    return image


def wagtail_way(category, data, picture):
    """The reference: one article made as an editor's publish makes it."""
    page = ArticlePage(
        title=data["title"],
        lead=data["lead"],
        published_at=ArticleImporter().clean_record(data)["published_at"],
        body=body_blocks(ArticleImporter().clean_record(data)["body_html"], lambda src: picture),
        original_url=data["original_url"],
    )
    category.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def state(page):
    """What a published article is made of, without what differs by nature between two (ids, times, titles)."""
    page.refresh_from_db()
    revision = page.live_revision
    content = {
        k: v
        for k, v in revision.content.items()
        if k
        not in {
            "pk",
            "path",
            "title",
            "title_vi",
            "draft_title",
            "slug",
            "url_path",
            "translation_key",
            "original_url",
            "body",
        }
    }
    return {
        "tree": (page.depth, page.numchild, page.url_path.rsplit("/", 2)[0], page.get_parent().pk),
        "flags": (page.live, page.has_unpublished_changes, page.expired, page.locked, page.draft_title == page.title),
        "dates": (
            page.first_published_at is not None,
            page.first_published_at == page.last_published_at,
            page.latest_revision_created_at == revision.created_at,
        ),
        "revision": (page.latest_revision_id == revision.pk, revision.user_id, revision.approved_go_live_at, content),
        "revision_type": (revision.content_type_id, revision.base_content_type_id, revision.object_str == page.title),
        "revisions": page.revisions.count(),
        "log": sorted(
            (e.action, e.content_changed, e.revision_id == revision.pk, e.user_id, e.label == page.title, e.data)
            for e in PageLogEntry.objects.filter(page=page)
        ),
        "audit": sorted((e.action, e.object_type, e.site_id) for e in AuditEntry.objects.filter(object_id=page.pk)),
        "archive": [
            (v.revision_id == revision.pk, v.title == page.title) for v in ArchivedVersion.objects.filter(page=page)
        ],
        "references": sorted(
            (r.to_content_type_id, r.to_object_id, r.model_path) for r in ReferenceIndex.get_references_for_object(page)
        ),
        "search": SearchEntry.objects.filter(page_id=page.pk).count(),
        "body": [block.block_type for block in page.body],
    }


def test_a_batch_writes_the_articles_wagtail_would(ward_site, picture, client):
    category = CategoryPage.objects.child_of(ward_site.root_page).get(slug="tin-tuc-su-kien")
    reference = wagtail_way(category, record(0), picture)

    results = ArticleImporter().import_batch(
        [(record(1), lambda src: picture), (record(2), lambda src: picture), (record(3, title=""), None)],
        hostname=ward_site.hostname,
    )

    assert [r.outcome for r in results[:2]] == ["created", "created"]
    assert "tiêu đề" in str(results[2])  # a refused record is named and leaves nothing behind
    first, second = (ArticlePage.objects.get(pk=r.page.pk) for r in results[:2])
    expected = state(reference)
    assert expected["references"] and expected["log"] and expected["audit"] and expected["archive"]
    assert state(first) == expected
    second_state = state(second)
    assert second_state["tree"][1:] == expected["tree"][1:] and second_state["log"] == expected["log"]

    # The tree is whole: treebeard finds nothing wrong, the category counts its children, paths follow on.
    assert all(not problems for problems in Page.find_problems())
    category.refresh_from_db()
    assert category.numchild == 3 == category.get_children().count()
    assert sorted(p.path for p in category.get_children()) == [reference.path, first.path, second.path]
    assert first.slug == "phuong-hong-gai-tong-ket-phong-chong-thien-tai-dot-1"

    # Public: served at their URL, found by the portal's search typed without accents, and by the admin's.
    assert client.get(first.url).status_code == 200
    found = client.get("/api/search/", {"q": "phong chong thien tai dot 2"}).json()
    assert [item["title"] for item in found["results"]][:1] == [second.title]
    assert second.page_ptr in list(Page.objects.search("tổng kết phòng chống thiên tai đợt 2"))
    assert first.page_ptr in list(Page.objects.search("dot 1"))

    # Again: nothing changes.
    log_entries = PageLogEntry.objects.count()
    again = ArticleImporter().import_batch([(record(1), lambda src: picture)], hostname=ward_site.hostname)
    assert again[0].outcome == "unchanged" and PageLogEntry.objects.count() == log_entries


def test_same_title_twice_in_a_batch_gets_two_slugs(ward_site):
    results = ArticleImporter().import_batch(
        [(record(1), None), (record(2, title=record(1)["title"]), None)], hostname=ward_site.hostname
    )
    slugs = [ArticlePage.objects.get(pk=r.page.pk).slug for r in results]
    assert slugs == ["phuong-hong-gai-tong-ket-phong-chong-thien-tai-dot-1"] + [
        "phuong-hong-gai-tong-ket-phong-chong-thien-tai-dot-1-2"
    ]
    assert all(not problems for problems in Page.find_problems())


def test_a_failure_while_writing_leaves_nothing_of_the_batch(ward_site, monkeypatch):
    from wagtail.models import Revision

    real = Revision.objects.bulk_create

    def broken(objs, *args, **kwargs):
        real(objs, *args, **kwargs)
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(Revision.objects, "bulk_create", broken)
    before = (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count(), AuditEntry.objects.count())
    with pytest.raises(DatabaseError):
        ArticleImporter().import_batch([(record(1), None), (record(2), None)], hostname=ward_site.hostname)
    after = (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count(), AuditEntry.objects.count())
    assert after == before and not ArticlePage.objects.exists()
    assert all(not problems for problems in Page.find_problems())


def test_the_page_cache_is_invalidated_once_per_batch_when_it_commits(
    ward_site, monkeypatch, django_capture_on_commit_callbacks
):
    from pagecache import signals

    calls = []
    monkeypatch.setattr(signals, "invalidate_groups", lambda site_id, groups: calls.append((site_id, set(groups))))
    monkeypatch.setattr(signals, "invalidate_site", lambda site_id: calls.append((site_id, None)))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ArticleImporter().import_batch([(record(1), None), (record(2), None)], hostname=ward_site.hostname)
    assert calls == []  # nothing while the batch's transaction is open
    for callback in callbacks:
        callback()
    assert calls == [(ward_site.pk, {"tin-tuc-su-kien", *signals.LISTING_GROUPS})]
