"""Administrative procedures (thủ tục hành chính) of the commune level: the /thu-tuc-hanh-chinh/ section and one
page per procedure, with a link out to its online service on the national public-service portal."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import PageManager
from wagtail.search import index

from core.content import ContentKind, SearchFields
from core.forms import PortalPageForm
from core.models import BasePage, PortalPageQuerySet
from core.sections import ensure_section
from core.text import fold, vn_slugify

INDEX_SLUG = "thu-tuc-hanh-chinh"
INDEX_TITLE = "Thủ tục hành chính"
CODE_MAX_LENGTH = 60
# "1.001766", "2.000986.000.00.00.H56": the codes of the national database of procedures.
CODE_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._/-]*")
# The online services of the national portal (dichvucong.gov.vn) and of the provinces' portals
# (dichvucong.quangninh.gov.vn): an official portal links out to government hosts only.
SERVICE_HOST_SUFFIX = ".gov.vn"


def code_key(code):
    return (code or "").strip().upper()


def validate_service_url(value):
    URLValidator(schemes=["https"], message=_("Địa chỉ phải bắt đầu bằng https:// và là một địa chỉ web hợp lệ."))(
        value
    )
    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    if parts.username or parts.password or not ("." + host).endswith(SERVICE_HOST_SUFFIX):
        raise ValidationError(
            _("Chỉ liên kết đến cổng dịch vụ công của cơ quan nhà nước (tên miền .gov.vn, ví dụ dichvucong.gov.vn).")
        )


def validate_code(value):
    if not CODE_PATTERN.fullmatch(value or ""):
        raise ValidationError(_("Mã thủ tục chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang; ví dụ 1.001766."))


def lines_of(text):
    return [line for line in (text or "").split("\n") if line.strip()]


def _set_up_procedures(home):
    """A new ward site's /thu-tuc-hanh-chinh/ section (ContentKind.home_setup): idempotent."""
    ensure_section(home, ProcedureIndexPage, INDEX_TITLE, INDEX_SLUG)


class ProcedureIndexPage(BasePage):
    """The ward's catalogue of procedures, grouped by field (lĩnh vực), filterable and searchable."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    normalised_fields = BasePage.normalised_fields + ("intro",)
    multiline_fields = BasePage.multiline_fields + ("intro",)

    parent_page_types = ["wards.HomePage"]
    subpage_types = ["procedures.ProcedurePage"]
    max_count_per_parent = 1
    content_kind = ContentKind(name="procedure_list", section=True, home_setup=_set_up_procedures)

    class Meta:
        verbose_name = _("mục thủ tục hành chính")
        verbose_name_plural = _("mục thủ tục hành chính")

    def get_meta_description(self):
        return self.search_description or self.intro or _("Thủ tục hành chính giải quyết tại phường, xã.")

    def get_context(self, request, *args, **kwargs):
        from procedures.listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class ProcedurePageQuerySet(PortalPageQuerySet):
    def in_section(self, page):
        """Published, public procedures below `page`, by field then name."""
        return self.live().public().descendant_of(page).order_by("field_slug", "slug", "pk")


class ProcedurePageForm(PortalPageForm):
    def clean(self):
        # A new page has no place in the tree yet; its site (for the code check) is its parent's.
        if not self.instance.path and getattr(self, "parent_page", None) is not None:
            self.instance._cached_parent_obj = self.parent_page
        return super().clean()


class ProcedurePage(BasePage):
    """One procedure: code, field, time, fees, papers, steps and the link to its online service."""

    base_form_class = ProcedurePageForm

    LEVELS = [
        ("toan-trinh", _("Dịch vụ công trực tuyến toàn trình")),
        ("mot-phan", _("Dịch vụ công trực tuyến một phần")),
    ]

    code = models.CharField(
        _("mã thủ tục"),
        max_length=CODE_MAX_LENGTH,
        validators=[validate_code],
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.001766. Không trùng trong phường."),
    )
    code_key = models.CharField(max_length=CODE_MAX_LENGTH, editable=False, db_index=True)
    field = models.CharField(_("lĩnh vực"), max_length=120, help_text=_("Ví dụ: Hộ tịch."))
    field_slug = models.SlugField(max_length=120, editable=False, db_index=True)
    summary = models.TextField(
        _("tóm tắt"), blank=True, help_text=_("Thủ tục dùng khi nào, ai thực hiện: một, hai câu.")
    )
    level = models.CharField(_("mức dịch vụ trực tuyến"), max_length=20, choices=LEVELS, blank=True)
    processing_time = models.CharField(
        _("thời hạn giải quyết"), max_length=200, blank=True, help_text=_("Ví dụ: Ngay trong ngày làm việc.")
    )
    fees = models.CharField(_("phí, lệ phí"), max_length=300, blank=True, help_text=_("Ví dụ: Miễn lệ phí."))
    papers = models.TextField(_("thành phần hồ sơ"), blank=True, help_text=_("Mỗi dòng một giấy tờ."))
    steps = models.TextField(_("trình tự thực hiện"), blank=True, help_text=_("Mỗi dòng một bước."))
    service_url = models.URLField(
        _("địa chỉ dịch vụ công trực tuyến"),
        max_length=500,
        blank=True,
        validators=[validate_service_url],
        help_text=_("Trang nộp hồ sơ trên Cổng Dịch vụ công quốc gia, bắt đầu bằng https://dichvucong.gov.vn/."),
    )
    # Filled on save, never typed: search's date and body, and the folded text the listing's "q" reads.
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, blank=True)
    folded_text = models.TextField(editable=False, blank=True)

    objects = PageManager.from_queryset(ProcedurePageQuerySet)()

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("code"), FieldPanel("field")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("processing_time"), FieldPanel("fees")]),
        FieldPanel("papers"),
        FieldPanel("steps"),
        FieldRowPanel([FieldPanel("service_url"), FieldPanel("level")]),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("code"),
        index.SearchField("summary"),
        index.FilterField("field_slug"),
    ]
    normalised_fields = BasePage.normalised_fields + (
        "code",
        "field",
        "summary",
        "processing_time",
        "fees",
        "papers",
        "steps",
        "service_url",
    )
    multiline_fields = BasePage.multiline_fields + ("summary", "papers", "steps")

    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types = []
    content_kind = ContentKind(
        name="procedure", search=SearchFields(date="updated_at", lead="summary", body="search_text")
    )

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    def save(self, *args, **kwargs):
        self.normalise_text_fields()
        self.code_key = code_key(self.code)
        self.field_slug = vn_slugify(self.field or "", 120)
        self.search_text = "\n".join(
            [self.code or "", self.field or "", self.processing_time or "", self.fees or "", self.papers, self.steps]
        )
        self.folded_text = fold(" ".join([self.code or "", self.title or "", self.field or "", self.summary or ""]))
        return super().save(*args, **kwargs)

    @property
    def paper_list(self):
        return lines_of(self.papers)

    @property
    def step_list(self):
        return lines_of(self.steps)

    @property
    def service_host(self):
        return urlsplit(self.service_url).hostname if self.service_url else ""

    def _site(self):
        parent = getattr(self, "_cached_parent_obj", None) or (self.get_parent() if self.path else None)
        return parent.get_site() if parent is not None else None

    def code_clash(self, site):
        """Another procedure of the site with the same code, or None."""
        if site is None or not self.code:
            return None
        others = ProcedurePage.objects.descendant_of(site.root_page).filter(code_key=code_key(self.code))
        return others.exclude(pk=self.pk).first() if self.pk else others.first()

    def clean(self):
        super().clean()
        errors = {}
        if self.field and not vn_slugify(self.field):
            errors["field"] = _("Tên lĩnh vực phải có chữ hoặc số.")
        clash = self.code_clash(self._site())
        if clash is not None:
            errors["code"] = _("Mã thủ tục “%(code)s” đã dùng cho thủ tục “%(title)s” của phường.") % {
                "code": self.code,
                "title": clash.title,
            }
        if errors:
            raise ValidationError(errors)

    def get_meta_description(self):
        return self.search_description or self.summary or self.title
