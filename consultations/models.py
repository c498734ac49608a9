"""Lấy ý kiến dự thảo: a draft the ward puts out for comment (ConsultationPage under /lay-y-kien/) with its files,
summary and the window in which comments are taken; the comments people send (Comment: private, with contact
details, until a moderator decides); and, once the window has closed, the ward's response report (báo cáo tiếp
thu, giải trình) as a file and text.

The window is the server's: a comment is taken only while `opens_at <= now < closes_at`, whatever the form page
showed when it was loaded (consultations.views).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Orderable, PageManager, Site
from wagtail.search import index

from core import freshness
from core.content import ContentKind, SearchFields
from core.models import BasePage, PortalPageQuerySet, RoutableBasePage
from core.sections import ensure_section
from core.text import normalize_text
from intake.codes import reference_code

INDEX_SLUG = "lay-y-kien"
INDEX_TITLE = "Lấy ý kiến dự thảo"
HOME_BLOCK_LENGTH = 5
MAX_PARTS = 200


class State(models.TextChoices):
    UPCOMING = "upcoming", _("Sắp lấy ý kiến")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã hết hạn")
    RESULT = "result", _("Đã có kết quả")


def _set_up_section(home):
    """A new (or completed) ward site's /lay-y-kien/ and its moderator group (ContentKind.home_setup)."""
    from intake.moderation import ensure_moderator_group

    ensure_section(home, ConsultationIndexPage, INDEX_TITLE, INDEX_SLUG)
    site = home.get_site()
    if site is not None:
        ensure_moderator_group(site)


def _section_of(home, request):
    """The home's live, public /lay-y-kien/: from the site bundle the request already holds, else one query."""
    bundle = getattr(request, "ward_bundle", None)
    if bundle is not None and bundle.home.pk == home.pk:
        return next((page for page in bundle.sections if isinstance(page, ConsultationIndexPage)), None)
    return ConsultationIndexPage.objects.child_of(home).live().public().first()


def _home_block(home, request):
    """The home page's "Đang lấy ý kiến" block: the drafts open now, closing soonest first. The page is kept by
    caches no longer than the next opening or closing among them (core.freshness)."""
    section = _section_of(home, request)
    if section is None:
        return {}
    now = timezone.now()
    coming = list(ConsultationPage.objects.in_section(section).filter(closes_at__gt=now).order_by("closes_at", "pk"))
    freshness.limit(request, next_change(coming, now))
    open_now = [item for item in coming if item.opens_at <= now]
    return {"consultations_home": {"section": section, "items": open_now[:HOME_BLOCK_LENGTH]}}


def next_change(items, now):
    """The next moment one of these drafts opens or closes by itself, or None."""
    return min((moment for item in items if (moment := item.refresh_moment(now))), default=None)


class ConsultationIndexPage(RoutableBasePage):
    """/lay-y-kien/: the ward's drafts, those open for comment first."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = [*RoutableBasePage.content_panels, FieldPanel("intro")]
    normalised_fields = (*BasePage.normalised_fields, "intro")
    multiline_fields = (*BasePage.multiline_fields, "intro")
    parent_page_types = ["wards.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1
    content_kind = ContentKind(
        name="consultation_list", section=True, home_setup=_set_up_section, home_context=_home_block
    )

    class Meta:
        verbose_name = _("mục lấy ý kiến dự thảo")
        verbose_name_plural = _("mục lấy ý kiến dự thảo")

    def get_meta_description(self):
        return self.search_description or self.intro or _("Dự thảo văn bản phường lấy ý kiến người dân.")

    @path("")
    def listing(self, request):
        now = timezone.now()
        items = list(ConsultationPage.objects.in_section(self))
        freshness.limit(request, next_change(items, now))
        rows = sorted(((item, item.state(now)) for item in items), key=lambda row: row[1] != State.OPEN)
        return self.render(request, context_overrides={"rows": rows})


class ConsultationPageQuerySet(PortalPageQuerySet):
    def in_section(self, page):
        """Published, public drafts below `page`, the latest opened first."""
        return self.live().public().child_of(page).order_by("-opens_at", "-pk")


class ConsultationPage(RoutableBasePage):
    """One draft put out for comment: summary, files, the window, the approved comments and the response."""

    drafting_unit = models.CharField(
        _("cơ quan chủ trì soạn thảo"), max_length=200, blank=True, help_text=_("Ví dụ: Văn phòng HĐND và UBND phường.")
    )
    summary = models.TextField(_("tóm tắt dự thảo"), help_text=_("Dự thảo quy định gì, cho ai, vì sao."))
    opens_at = models.DateTimeField(_("bắt đầu lấy ý kiến lúc"), db_index=True)
    closes_at = models.DateTimeField(
        _("hết hạn lấy ý kiến lúc"), db_index=True, help_text=_("Sau thời điểm này hệ thống không nhận góp ý nữa.")
    )
    parts = models.TextField(
        _("các điều, mục của dự thảo"),
        blank=True,
        help_text=_("Mỗi dòng một điều hoặc mục (ví dụ: Điều 3. Đối tượng áp dụng); người góp ý chọn phần mình góp ý."),
    )
    response_text = models.TextField(
        _("báo cáo tiếp thu, giải trình"),
        blank=True,
        help_text=_("Chỉ đăng sau khi hết hạn lấy ý kiến: ý kiến nào được tiếp thu, ý kiến nào không và vì sao."),
    )
    response_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tệp báo cáo tiếp thu, giải trình"),
    )

    objects = PageManager.from_queryset(ConsultationPageQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("drafting_unit"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        InlinePanel("files", label=_("Tệp dự thảo")),
        FieldPanel("parts"),
        MultiFieldPanel([FieldPanel("response_text"), FieldPanel("response_file")], heading=_("Kết quả lấy ý kiến")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("response_text"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    normalised_fields = (*BasePage.normalised_fields, "drafting_unit", "summary", "parts", "response_text")
    multiline_fields = (*BasePage.multiline_fields, "summary", "parts", "response_text")

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []
    content_kind = ContentKind(
        name="consultation", search=SearchFields(date="opens_at", lead="summary", body="response_text")
    )

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Thời điểm hết hạn phải sau thời điểm bắt đầu lấy ý kiến.")})
        has_response = bool(normalize_text(self.response_text or "")) or self.response_file_id is not None
        if has_response and self.closes_at and self.closes_at > timezone.now():
            message = _("Chỉ đăng báo cáo tiếp thu, giải trình sau khi đã hết hạn lấy ý kiến.")
            raise ValidationError({"response_text": message})

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return State.UPCOMING
        if now < self.closes_at:
            return State.OPEN
        return State.RESULT if self.has_response else State.CLOSED

    def is_open(self, now=None):
        return self.state(now) == State.OPEN

    @property
    def has_response(self):
        return bool(self.response_text) or self.response_file_id is not None

    def part_choices(self):
        """The draft's articles or sections a comment may refer to, one a line of `parts`."""
        lines = (normalize_text(line)[:200] for line in (self.parts or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))[:MAX_PARTS]

    def get_meta_description(self):
        return self.search_description or self.summary[:300]

    def refresh_moment(self, now=None):
        """When the page's state changes by itself (it opens or closes), or None."""
        now = now or timezone.now()
        return next((moment for moment in (self.opens_at, self.closes_at) if moment > now), None)

    @path("")
    def detail(self, request):
        from consultations import views

        return views.detail(self, request)

    @path("gop-y/", name="comment")
    def comment_view(self, request):
        from consultations import views

        return views.comment(self, request)

    @path("da-gui/", name="thanks")
    def thanks_view(self, request):
        from consultations import views

        return views.thanks(self, request)


class ConsultationFile(Orderable):
    """A file of the draft (the draft itself, an explanatory report, an annex): a Wagtail document of the site's
    collection, served by Wagtail's document view."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("tệp")
    )
    label = models.CharField(_("tên hiển thị"), max_length=120, blank=True, help_text=_("Để trống: dùng tên của tệp."))

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp dự thảo")
        verbose_name_plural = _("tệp dự thảo")

    def save(self, *args, **kwargs):
        self.label = normalize_text(self.label)
        super().save(*args, **kwargs)

    @property
    def shown_name(self):
        return self.label or self.document.title


def new_code():
    return reference_code("GY")


class CommentQuerySet(models.QuerySet):
    def in_queue(self):
        """Waiting for a decision; flagged ones first, then the oldest."""
        return self.filter(status=Comment.Status.PENDING).order_by("-flagged", "created_at")

    def published(self):
        return self.filter(status=Comment.Status.PUBLISHED).order_by("decided_at", "pk")


class Comment(models.Model):
    """What a person sent on a draft. Nobody but the site's moderators sees it until one publishes the edited
    version (public_name, organisation, public_text); the contact details are never shown."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ xử lý")
        PUBLISHED = "published", _("Đã đăng")
        REJECTED = "rejected", _("Không đăng")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="comments", verbose_name=_("dự thảo")
    )
    code = models.CharField(_("mã góp ý"), max_length=16, unique=True, default=new_code, editable=False)
    full_name = models.CharField(_("họ và tên"), max_length=100)
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=200, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    reference = models.CharField(_("góp ý cho phần"), max_length=200, blank=True)
    text = models.TextField(_("nội dung góp ý gửi đến"))
    consent_at = models.DateTimeField(_("đồng ý thông báo xử lý dữ liệu lúc"))
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True, db_index=True)
    flagged = models.BooleanField(_("bị sàng lọc"), default=False)
    flags = models.TextField(_("lý do sàng lọc"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING)
    # What a moderator prepares for publication.
    public_name = models.CharField(
        _("tên khi đăng"), max_length=100, blank=True, help_text=_("Ví dụ: Ông Nguyễn Văn A, tổ dân phố 5.")
    )
    public_text = models.TextField(
        _("góp ý khi đăng"), blank=True, help_text=_("Đã bỏ địa chỉ, số điện thoại và mọi thông tin cá nhân.")
    )
    decided_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    reject_reason = models.TextField(_("lý do không đăng"), blank=True)
    contacts_purged_at = models.DateTimeField(_("đã xoá thông tin liên hệ lúc"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("góp ý dự thảo")
        verbose_name_plural = _("góp ý dự thảo")
        ordering = ["-created_at"]

    def __str__(self):
        return self.code
