from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One published article as the search index holds it: folded words and accent keys per field.

    The full-text structures live beside this table and depend on the database: an FTS5 table on SQLite
    (`search_fts`, external content read from here), generated tsvector columns with GIN indexes on
    PostgreSQL. Publishing, unpublishing and moving re-index an article (search.signals); view restrictions
    are read at query time. The expiry time is kept here, indexed, so a page past its expiry that the
    periodic job has not unpublished yet is left out without reading the page table.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("trang")
    )
    published_at = models.DateTimeField(_("thời gian đăng"), db_index=True)
    expire_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True, db_index=True)
    # FTS5 row id: publication time in the high bits, so "newest first" is the index's own order and a
    # query can stop after the first matches (see search/query_sqlite.py). Unique per article.
    rank_key = models.BigIntegerField(unique=True)
    # "p<id>" for the page and every ancestor: site, category and view-restriction filters inside FTS5.
    scope = models.TextField(default="")
    title_folded = models.TextField()
    lead_folded = models.TextField()
    body_folded = models.TextField()
    title_accent = models.TextField()
    lead_accent = models.TextField()
    body_accent = models.TextField()
    # Neighbouring folded words as one token each, "hoi_nghi" (see search.text.pair_tokens). On PostgreSQL
    # this and the accent columns stay empty: their tokens are lexemes of search_terms (search.index._stored).
    title_pairs = models.TextField(default="", blank=True)
    lead_pairs = models.TextField(default="", blank=True)
    body_pairs = models.TextField(default="", blank=True)

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")

    def __str__(self):
        return f"{self.page_id}: {self.title_folded[:60]}"
