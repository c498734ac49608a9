"""Relics and scenic spots: each a page with photos, an address and a point on the boundary map."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.content import INVALIDATES_SITE, ContentKind, SearchFields
from core.models import BasePage
from wardinfo.models.base import SectionListPage


class PlacesPage(SectionListPage):
    default_description = _("Di tích lịch sử – văn hoá và danh lam thắng cảnh của %(ward)s.")
    subpage_types = ["wardinfo.PlacePage"]
    content_kind = ContentKind(name="ward_places", invalidates=INVALIDATES_SITE)

    class Meta:
        verbose_name = _("danh sách di tích, danh thắng")
        verbose_name_plural = _("danh sách di tích, danh thắng")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["places"] = PlacePage.objects.child_of(self).live().public().order_by("path")
        return context


class PlacePage(BasePage):
    KINDS = [
        ("relic", _("Di tích lịch sử – văn hoá")),
        ("scenic", _("Danh lam thắng cảnh")),
        ("other", _("Địa điểm khác")),
    ]

    kind = models.CharField(_("loại"), max_length=10, choices=KINDS, default="relic")
    recognition = models.CharField(
        _("xếp hạng"), max_length=200, blank=True, help_text=_("Ví dụ: Di tích cấp tỉnh (Quyết định số …).")
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("vĩ độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Theo WGS 84, ví dụ 20.951200."),
    )
    longitude = models.DecimalField(
        _("kinh độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Theo WGS 84, ví dụ 107.078300."),
    )
    description = RichTextField(_("mô tả"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("recognition"),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("latitude"), FieldPanel("longitude")], _("Vị trí")),
        FieldPanel("description"),
        InlinePanel("photos", label=_("Ảnh")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("address"), index.SearchField("description")]
    normalised_fields = BasePage.normalised_fields + ("recognition", "address")

    parent_page_types = ["wardinfo.PlacesPage"]
    subpage_types = []
    content_kind = ContentKind(
        name="place",
        search=SearchFields(date="first_published_at", lead="address", body="description"),
        invalidates=INVALIDATES_SITE,
    )

    class Meta:
        verbose_name = _("di tích, danh thắng")
        verbose_name_plural = _("di tích, danh thắng")

    def get_meta_description(self):
        return self.search_description or self.address

    @property
    def osm_url(self):
        if self.latitude is None or self.longitude is None:
            return ""
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"


class PlacePhoto(Orderable):
    page = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("images.PortalImage", on_delete=models.CASCADE, related_name="+", verbose_name=_("ảnh"))
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
