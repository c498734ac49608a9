"""Announcements (thông báo): short notices of the ward office, their /thong-bao/ section and the home page block.

An announcement is shown on the home page from its publication until the end of its "shown until" day (Vietnam
time); after that it leaves the block and stays in the section's archive. The date is required: a ward office's
notice is about something with an end (a power cut, a vaccination day, a deadline to register), and a forgotten
notice must not sit on the home page for good (docs/announcements.md).
"""

import datetime

import nh3
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from core import freshness
from core.content import ContentKind, SearchFields
from core.models import BasePage, PortalPageQuerySet, RoutableBasePage
from core.sections import ensure_section
from core.text import normalize_html, normalize_text

SECTION_SLUG = "thong-bao"
SECTION_TITLE = "Thông báo"
HOME_BLOCK_LENGTH = 5
BODY_FEATURES = ["bold", "italic", "ol", "ul", "link"]
# What the body may hold however it arrives (the admin's editor keeps to BODY_FEATURES already; imports and code
# do not): Wagtail's stored rich-text format, with its internal links (linktype, id).
_BODY_TAGS = {"p", "br", "b", "i", "strong", "em", "ul", "ol", "li", "a"}
_BODY_ATTRIBUTES = {"a": {"href", "linktype", "id"}}


def local_today():
    """Today in Vietnam (TIME_ZONE), the day announcements are shown by."""
    return timezone.localdate()


# When an announcement shown until a day leaves the home page: the first moment after that day, Vietnam time.
end_of_day = freshness.end_of_day


def clean_body(html):
    """NFC without controls or lone surrogates first (nh3 cannot take those), then only the allowed markup."""
    return nh3.clean(
        normalize_html(html or ""),
        tags=_BODY_TAGS,
        attributes=_BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _set_up_section(home):
    """A new ward site's /thong-bao/ section (ContentKind.home_setup): idempotent."""
    ensure_section(home, AnnouncementIndexPage, SECTION_TITLE, SECTION_SLUG)


def _section_of(home, request):
    """The home's live, public /thong-bao/: from the site bundle the request already holds, else one query."""
    bundle = getattr(request, "ward_bundle", None)
    if bundle is not None and bundle.home.pk == home.pk:
        return next((page for page in bundle.sections if isinstance(page, AnnouncementIndexPage)), None)
    return AnnouncementIndexPage.objects.child_of(home).live().public().first()


def _home_block(home, request):
    """The home page's "Thông báo" block: the site's current announcements (ContentKind.home_context). The page
    is kept by caches no longer than until the first of them leaves (core.freshness)."""
    section = _section_of(home, request)
    if section is None:
        return {}
    shown = list(AnnouncementPage.objects.in_section(section).current()[:HOME_BLOCK_LENGTH])
    if shown:
        freshness.limit(request, end_of_day(min(item.shown_until for item in shown)))
    return {"announcements_home": {"section": section, "items": shown}}


class AnnouncementIndexPage(RoutableBasePage):
    """/thong-bao/: every announcement of the ward, newest first, current or not, and their RSS."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    normalised_fields = BasePage.normalised_fields + ("intro",)
    multiline_fields = BasePage.multiline_fields + ("intro",)

    parent_page_types = ["wards.HomePage"]
    subpage_types = ["announcements.AnnouncementPage"]
    max_count_per_parent = 1
    content_kind = ContentKind(
        name="announcement_list", section=True, home_setup=_set_up_section, home_context=_home_block
    )

    class Meta:
        verbose_name = _("mục thông báo")
        verbose_name_plural = _("mục thông báo")

    def get_meta_description(self):
        return self.search_description or self.intro or _("Thông báo của chính quyền phường, xã.")

    @re_path(r"^$")
    def listing(self, request):
        from announcements.listing import listing_context

        return self.render(request, context_overrides=listing_context(self, request))

    @path("rss/", name="rss")
    def rss(self, request):
        from announcements.feeds import AnnouncementFeed

        return AnnouncementFeed()(request, section=self)


class AnnouncementPageQuerySet(PortalPageQuerySet):
    def in_section(self, page):
        """Published, public announcements below `page`, newest first."""
        return self.live().public().descendant_of(page).order_by("-published_on", "-pk")

    def current(self, day=None):
        """Those still shown on `day` (today in Vietnam by default)."""
        return self.filter(shown_until__gte=day or local_today())


def _published_at(day):
    # Search dates and orders results by a moment: noon of the announcement's day, local time.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class AnnouncementPage(BasePage):
    """One announcement: a short notice with the day it was made and the last day it is shown on the home page."""

    published_on = models.DateField(
        _("ngày thông báo"), default=local_today, db_index=True, help_text=_("Ngày ghi trên thông báo.")
    )
    shown_until = models.DateField(
        _("hiển thị trên trang chủ đến hết ngày"),
        db_index=True,
        help_text=_(
            "Sau ngày này thông báo rời khỏi trang chủ nhưng vẫn nằm trong mục Thông báo. "
            "Thường là ngày diễn ra sự việc hoặc hạn cuối được nêu trong thông báo."
        ),
    )
    lead = models.TextField(
        _("tóm tắt"), blank=True, max_length=400, help_text=_("Một hai câu hiện trong danh sách và trên trang chủ.")
    )
    body = RichTextField(_("nội dung"), features=BODY_FEATURES)
    # Filled on save: the moment search dates the announcement by.
    published_at = models.DateTimeField(editable=False, null=True)

    objects = PageManager.from_queryset(AnnouncementPageQuerySet)()

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("shown_until")]),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Tệp đính kèm")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_on"),
        index.FilterField("shown_until"),
    ]
    normalised_fields = BasePage.normalised_fields + ("lead",)
    multiline_fields = BasePage.multiline_fields + ("lead",)

    parent_page_types = ["announcements.AnnouncementIndexPage"]
    subpage_types = []
    content_kind = ContentKind(name="announcement", search=SearchFields(date="published_at", lead="lead", body="body"))

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def clean(self):
        super().clean()
        if self.shown_until and self.published_on and self.shown_until < self.published_on:
            raise ValidationError({"shown_until": _("Ngày hiển thị đến không thể trước ngày thông báo.")})

    def save(self, *args, **kwargs):
        self.normalise_text_fields()
        self.body = clean_body(self.body)
        self.published_at = _published_at(self.published_on) if self.published_on else None
        return super().save(*args, **kwargs)

    def is_current(self, day=None):
        return self.shown_until >= (day or local_today())

    def get_meta_description(self):
        return self.search_description or self.lead

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = list(self.attachments.all().select_related("document"))
        if self.is_current():  # "shown until …" turns into "no longer shown" at midnight
            freshness.limit(request, end_of_day(self.shown_until))
        return context


class AnnouncementAttachment(Orderable):
    """A file sent with an announcement (a form to fill in, a map): a Wagtail document of the site's collection,
    checked on upload (images.uploads) and served by Wagtail's document view."""

    page = ParentalKey(AnnouncementPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("tệp")
    )
    label = models.CharField(_("tên hiển thị"), max_length=120, blank=True, help_text=_("Để trống: dùng tên của tệp."))

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def save(self, *args, **kwargs):
        self.label = normalize_text(self.label)
        if self.document_id:
            self.document.get_file_size()  # stored now, so showing the page writes nothing
        super().save(*args, **kwargs)

    @property
    def shown_name(self):
        return self.label or self.document.title

    @property
    def format_label(self):
        return self.document.file_extension.upper()
