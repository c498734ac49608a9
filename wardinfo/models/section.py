"""The "Giới thiệu" section: its overview page (figures, natural conditions, boundary map, merged wards) and
the history page; the section and its sub-pages are created on every ward site (wardinfo.setup)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.content import INVALIDATES_SITE, ContentKind
from core.models import BasePage
from wardinfo.boundary import draw, parse_boundary, validate_boundary
from wardinfo.forms import IntroPageForm
from wardinfo.models.base import EnglishVersionMixin, ward_description
from wardinfo.setup import ensure_intro_section

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class IntroPage(EnglishVersionMixin, BasePage):
    """/gioi-thieu/: the ward at a glance, its boundary map and the sub-pages of the section."""

    summary = models.TextField(_("giới thiệu chung"), blank=True)
    area_km2 = models.DecimalField(_("diện tích (km²)"), max_digits=8, decimal_places=2, null=True, blank=True)
    population = models.PositiveIntegerField(_("dân số (người)"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("năm số liệu dân số"), null=True, blank=True)
    residential_groups = models.PositiveSmallIntegerField(_("số tổ dân phố, thôn"), null=True, blank=True)
    natural_conditions = RichTextField(_("điều kiện tự nhiên"), blank=True, features=TEXT_FEATURES)
    boundary_geojson = models.TextField(
        _("dữ liệu ranh giới (GeoJSON)"),
        blank=True,
        validators=[validate_boundary],
        help_text=_("Thường để hệ thống điền từ tệp tải lên ở trên; để trống nếu chưa có bản đồ ranh giới."),
    )
    boundary_note = models.CharField(
        _("ghi chú bản đồ"),
        max_length=300,
        blank=True,
        help_text=_("Nguồn và độ chính xác của ranh giới, ví dụ số quyết định phê duyệt bản đồ hành chính."),
    )

    base_form_class = IntroPageForm
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("area_km2"),
                FieldPanel("population"),
                FieldPanel("population_year"),
                FieldPanel("residential_groups"),
            ],
            _("Số liệu"),
        ),
        FieldPanel("natural_conditions"),
        MultiFieldPanel(
            [FieldPanel("boundary_file"), FieldPanel("boundary_geojson"), FieldPanel("boundary_note")],
            _("Bản đồ ranh giới hành chính"),
        ),
        InlinePanel("former_wards", label=_("Đơn vị hành chính cũ đã sáp nhập")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary")]
    normalised_fields = BasePage.normalised_fields + ("summary", "boundary_note", "summary_en")
    multiline_fields = BasePage.multiline_fields + ("summary", "summary_en")

    parent_page_types = ["wards.HomePage"]
    subpage_types = [
        "wardinfo.HistoryPage",
        "wardinfo.PlacesPage",
        "wardinfo.OrganisationPage",
        "wardinfo.LeadersPage",
        "wardinfo.ContactsPage",
    ]
    max_count_per_parent = 1
    content_kind = ContentKind(name="ward_intro", section=True, home_setup=ensure_intro_section)

    class Meta:
        verbose_name = _("giới thiệu phường, xã")
        verbose_name_plural = _("giới thiệu phường, xã")

    def get_meta_description(self):
        return (
            self.search_description
            or self.summary
            or ward_description(self, _("Giới thiệu %(ward)s: vị trí, diện tích, dân số, bản đồ ranh giới và lịch sử."))
        )

    def sub_pages(self):
        return self.get_children().live().public().specific().order_by("path")

    def places(self):
        from wardinfo.models.places import PlacePage

        return PlacePage.objects.descendant_of(self).live().public().order_by("path")

    def boundary_drawing(self):
        try:
            polygons = parse_boundary(self.boundary_geojson)
        except ValidationError:  # stored before a stricter check: show no map rather than fail the page
            polygons = []
        if not polygons:
            return None
        return draw(polygons, [(place.title, place.longitude, place.latitude) for place in self.places()])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["drawing"] = self.boundary_drawing()
        context["places"] = list(self.places())
        context["former_wards"] = list(self.former_wards.all())
        return context


class FormerWard(Orderable):
    """A ward or commune merged into this one (the 2025 reorganisation and earlier ones)."""

    page = ParentalKey(IntroPage, on_delete=models.CASCADE, related_name="former_wards")
    name = models.CharField(_("tên đơn vị cũ"), max_length=120)
    merged_on = models.DateField(_("ngày sáp nhập"), null=True, blank=True)
    resolution = models.CharField(
        _("nghị quyết"),
        max_length=200,
        blank=True,
        help_text=_("Số, ngày và cơ quan ban hành nghị quyết sắp xếp đơn vị hành chính."),
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("merged_on"), FieldPanel("resolution"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("đơn vị hành chính cũ")
        verbose_name_plural = _("đơn vị hành chính cũ")


class HistoryPage(BasePage):
    """Lịch sử, truyền thống văn hoá: free text written by the ward."""

    body = RichTextField(_("nội dung"), blank=True, features=[*TEXT_FEATURES, "image"])

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["wardinfo.IntroPage"]
    subpage_types = []
    max_count_per_parent = 1
    content_kind = ContentKind(name="ward_history", invalidates=INVALIDATES_SITE)

    class Meta:
        verbose_name = _("lịch sử, văn hoá")
        verbose_name_plural = _("lịch sử, văn hoá")

    def get_meta_description(self):
        return (
            self.search_description
            or strip_tags(self.body)[:300]
            or ward_description(self, _("Lịch sử, truyền thống văn hoá của %(ward)s."))
        )
