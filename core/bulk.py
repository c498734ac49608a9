"""Creating many new pages at once as published Wagtail pages, in the state one `add_child` followed by
`save_revision().publish()` per page leaves them in, at a fraction of the cost (an archive of 10,000 old
articles, 1,000 imported documents: docs/benchmarks.md). Used by news.importing and documents.importing.

`NewPages.place(page, parent)` validates a new page and gives it its place in the tree (materialised path,
depth, a slug free among its siblings, url_path) without writing anything; `NewPages.publish()` then writes
the placed pages in the caller's transaction: each page row, its revision (the page as `save_revision` would
have serialised it) in bulk, live and latest revision, Wagtail's "created" and "published" history entries in
bulk, the parents' child counts, and `page_published` once per page, so that every receiver (the audit log,
search, the archive queue, the page cache) sees each page as after a publish. Wagtail's own search index
and reference index follow through `core.indexing.once_per_object`, which the caller holds around the batch.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from modelcluster.models import ClusterableModel
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from core.models import SLUG_MAX_LENGTH
from core.text import vn_slugify


class NewPages:
    def __init__(self):
        self.placed = []  # (page, parent)
        self._next = {}  # parent pk -> the path its next child takes
        self._slugs = {}  # parent pk -> slugs taken in this batch

    def place(self, page, parent):
        """Give `page` its place as the last child of `parent` and validate it (ValidationError: nothing taken)."""
        path = self._next.get(parent.pk)
        if path is None:
            last = parent.get_last_child()
            path = last._inc_path() if last is not None else page._get_path(parent.path, parent.depth + 1, 1)
        taken = self._slugs.setdefault(parent.pk, set())
        page.path, page.depth, page.numchild = path, parent.depth + 1, 0
        page._cached_parent_obj = parent
        page.normalise_text_fields()
        if not page.slug:
            page.slug = self._free_slug(page, parent, taken)
        page.draft_title = page.title
        page.locale_id = parent.locale_id
        page.set_url_path(parent)
        page.live, page.has_unpublished_changes = True, False
        page.full_clean()  # what Page.save does for a live page; raises before anything is taken
        taken.add(page.slug)
        self._next[parent.pk] = Page(path=path)._inc_path()
        self.placed.append((page, parent))

    @staticmethod
    def _free_slug(page, parent, taken):
        base = vn_slugify(page.title, SLUG_MAX_LENGTH)
        candidate, suffix = base, 1
        while candidate in taken or not Page._slug_is_available(candidate, parent, page):
            suffix += 1
            tail = f"-{suffix}"
            candidate = vn_slugify(base, SLUG_MAX_LENGTH - len(tail)) + tail
        return candidate

    def publish(self, written=None):
        """Write every placed page, published; returns {page pk: its revision}. `written(pages)`, if given, runs
        once the rows are written and before `page_published`: what a page type's own save() does besides
        Page.save (Page.save itself is not called, so the page's fields must already be derived)."""
        if not self.placed:
            return {}
        now = timezone.now()
        page_type = ContentType.objects.get_for_model(Page)
        revisions = []
        for page, _parent in self.placed:
            # Page.save's work without its per-page checks, already done by place(); tags and other child
            # relations are committed by modelcluster as usual.
            ClusterableModel.save(page)
            # Serialised as save_revision does for a new page: live, not yet published, no revision yet.
            content = page.serializable_data()
            revisions.append(
                Revision(
                    content_type=ContentType.objects.get_for_model(page),
                    base_content_type=page_type,
                    object_id=str(page.pk),
                    user=None,
                    approved_go_live_at=None,
                    content=content,
                    object_str=str(page),
                    created_at=now,
                )
            )
        revisions = Revision.objects.bulk_create(revisions)
        entries = []
        for (page, _parent), revision in zip(self.placed, revisions, strict=True):
            page.latest_revision = page.live_revision = revision
            page.latest_revision_created_at = page.first_published_at = page.last_published_at = now
            Page.objects.filter(pk=page.pk).update(
                latest_revision=revision,
                live_revision=revision,
                latest_revision_created_at=now,
                first_published_at=now,
                last_published_at=now,
            )
            page_kind = ContentType.objects.get_for_model(page, for_concrete_model=False)
            for action, with_revision in (("wagtail.create", None), ("wagtail.publish", revision)):
                entries.append(
                    PageLogEntry(
                        content_type=page_kind,
                        label=str(page),
                        action=action,
                        timestamp=now,
                        data={},
                        page=page,
                        user=None,
                        revision=with_revision,
                        content_changed=True,
                    )
                )
        PageLogEntry.objects.bulk_create(entries)
        children = {}
        for _page, parent in self.placed:
            children[parent.pk] = children.get(parent.pk, 0) + 1
        for parent_pk, count in children.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)
        for _page, parent in self.placed:
            parent.numchild += 1
        if written is not None:
            written([page for page, _parent in self.placed])
        for page, _parent in self.placed:
            page_published.send(sender=type(page), instance=page, revision=page.live_revision)
        published = {page.pk: page.live_revision for page, _parent in self.placed}
        self.placed = []
        self._next = {}
        return published
