"""Hỏi đáp: a citizen's question (Question: private, with contact details, until a moderator decides), the
site's list of topics, and the published pages (QuestionPage under QuestionIndexPage at /hoi-dap/), which hold
only the text a moderator edited for publication and the answer — never a contact detail."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Site

from core.content import ContentKind, SearchFields
from core.models import BasePage, RoutableBasePage
from core.sections import ensure_section
from intake.codes import reference_code

INDEX_SLUG = "hoi-dap"
INDEX_TITLE = "Hỏi đáp"
DEFAULT_TOPICS = ["Hộ tịch, cư trú", "Đất đai, xây dựng", "Chính sách xã hội", "Môi trường, đô thị", "Khác"]


def new_code():
    return reference_code("HD")


class Topic(models.Model):
    """One of a site's topics (chủ đề), edited by its moderators."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="question_topics", verbose_name=_("trang"))
    name = models.CharField(_("tên chủ đề"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chủ đề hỏi đáp")
        verbose_name_plural = _("chủ đề hỏi đáp")
        ordering = ["site", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="questions_topic_unique_per_site")]

    def __str__(self):
        return self.name


class QuestionQuerySet(models.QuerySet):
    def in_queue(self):
        """Waiting for a decision; flagged ones first, then the oldest."""
        return self.filter(status=Question.Status.PENDING).order_by("-flagged", "created_at")


class Question(models.Model):
    """What a citizen sent. Nobody but the site's moderators sees it; publishing makes a QuestionPage."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ xử lý")
        PUBLISHED = "published", _("Đã trả lời, đã đăng")
        REJECTED = "rejected", _("Không đăng")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("mã tra cứu"), max_length=16, unique=True, default=new_code, editable=False)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("chủ đề"))
    full_name = models.CharField(_("họ và tên"), max_length=100)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    text = models.TextField(_("câu hỏi gửi đến"))
    consent_at = models.DateTimeField(_("đồng ý thông báo xử lý dữ liệu lúc"))
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True, db_index=True)
    flagged = models.BooleanField(_("bị sàng lọc"), default=False)
    flags = models.TextField(_("lý do sàng lọc"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING)
    # What a moderator prepares for publication.
    public_title = models.CharField(_("tiêu đề khi đăng"), max_length=200, blank=True)
    public_question = models.TextField(
        _("câu hỏi khi đăng"), blank=True, help_text=_("Đã bỏ họ tên, địa chỉ, số điện thoại và mọi thông tin cá nhân.")
    )
    answer = models.TextField(_("câu trả lời"), blank=True)
    answered_by = models.CharField(_("đơn vị, người trả lời"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    reject_reason = models.TextField(_("lý do không đăng"), blank=True)
    contacts_purged_at = models.DateTimeField(_("đã xoá thông tin liên hệ lúc"), null=True, blank=True)
    page = models.ForeignKey(
        "questions.QuestionPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu hỏi của người dân")
        verbose_name_plural = _("câu hỏi của người dân")
        ordering = ["-created_at"]

    def __str__(self):
        return self.code


def _set_up_site(home):
    """A new (or completed) ward site gets its /hoi-dap/ page, its starting topics and its moderator group."""
    from intake.moderation import ensure_moderator_group

    site = home.get_site()
    ensure_section(home, QuestionIndexPage, INDEX_TITLE, INDEX_SLUG)
    if site is not None:
        if not Topic.objects.filter(site=site).exists():
            for order, name in enumerate(DEFAULT_TOPICS):
                Topic.objects.create(site=site, name=name, sort_order=order)
        ensure_moderator_group(site)


class QuestionIndexPage(RoutableBasePage):
    """/hoi-dap/: published questions by topic, the form, the thank-you page and the status lookup."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = [*RoutableBasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["wards.HomePage"]
    subpage_types = ["questions.QuestionPage"]
    max_count_per_parent = 1
    content_kind = ContentKind(name="question_list", section=True, home_setup=_set_up_site)

    class Meta:
        verbose_name = _("trang hỏi đáp")

    def get_meta_description(self):
        return self.search_description or self.intro or _("Người dân hỏi, chính quyền phường, xã trả lời.")

    @path("")
    def index_view(self, request):
        from questions import views

        return views.index(self, request)

    @path("gui-cau-hoi/", name="ask")
    def ask_view(self, request):
        from questions import views

        return views.ask(self, request)

    @path("da-gui/", name="thanks")
    def thanks_view(self, request):
        from questions import views

        return views.thanks(self, request)

    @path("tra-cuu/", name="lookup")
    def lookup_view(self, request):
        from questions import views

        return views.lookup(self, request)


class QuestionPage(BasePage):
    """One published question and its answer."""

    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("chủ đề"))
    question = models.TextField(_("câu hỏi"))
    answer = models.TextField(_("câu trả lời"))
    answered_by = models.CharField(_("đơn vị, người trả lời"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("topic"),
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("answered_by"),
        FieldPanel("answered_at"),
    ]
    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types = []
    normalised_fields = (*BasePage.normalised_fields, "question", "answer", "answered_by")
    multiline_fields = (*BasePage.multiline_fields, "question", "answer")
    content_kind = ContentKind(name="question", search=SearchFields(date="answered_at", lead="question", body="answer"))

    def get_meta_description(self):
        return self.search_description or " ".join(self.question.split())

    class Meta:
        verbose_name = _("câu hỏi đã trả lời")
        verbose_name_plural = _("câu hỏi đã trả lời")
