"""The ward's apparatus as data: units (a tree through `parent_unit`), leaders with their terms, and the
contact page gathered from both. Each unit and leader is a page, so the site's page permissions and approval
workflow decide who edits them: an editor of one ward never sees another ward's people."""

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.search import index

from core.content import INVALIDATES_SITE, ContentKind, SearchFields
from core.models import BasePage, RoutableBasePage
from wardinfo import contact
from wardinfo.forms import LeaderPageForm, UnitPageForm
from wardinfo.models.base import EnglishVersionMixin, SectionListPage, ward_description

LIST_FEATURES = ["bold", "italic", "ol", "ul", "link"]


def _current(leaders, today):
    return [leader for leader in leaders if leader.in_office(today)]


class OrganisationPage(EnglishVersionMixin, SectionListPage):
    default_description = _("Cơ cấu tổ chức bộ máy của %(ward)s: các cơ quan, đơn vị, chức năng, nhiệm vụ và liên hệ.")
    subpage_types = ["wardinfo.UnitPage"]
    content_kind = ContentKind(name="ward_organisation", invalidates=INVALIDATES_SITE)

    class Meta:
        verbose_name = _("cơ cấu tổ chức")
        verbose_name_plural = _("cơ cấu tổ chức")

    def units(self):
        return UnitPage.objects.child_of(self).live().public().order_by("path")

    def unit_tree(self):
        """[(unit, [(sub-unit, […]), …]), …]: units under their parent unit, in the editors' order; a unit
        whose parent is unpublished shows at the top rather than vanish."""
        units = list(self.units())
        known = {unit.pk for unit in units}
        children = {}
        for unit in units:
            parent = unit.parent_unit_id if unit.parent_unit_id in known else None
            children.setdefault(parent, []).append(unit)

        def branch(parent, seen):
            return [
                (unit, branch(unit.pk, seen | {unit.pk})) for unit in children.get(parent, []) if unit.pk not in seen
            ]

        return branch(None, frozenset())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = self.unit_tree()
        context["json_ld"] = contact.organisation_json_ld(self.get_parent().get_parent(), self.units(), request)
        return context


class UnitPage(RoutableBasePage):
    """Đảng uỷ, HĐND, UBND, Ủy ban MTTQ, a specialised office…"""

    parent_unit = models.ForeignKey(
        "wardinfo.UnitPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sub_units",
        verbose_name=_("đơn vị cấp trên"),
    )
    functions = RichTextField(_("chức năng, nhiệm vụ"), blank=True, features=LIST_FEATURES)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)

    base_form_class = UnitPageForm
    content_panels = BasePage.content_panels + [
        PageChooserPanel("parent_unit", "wardinfo.UnitPage"),
        FieldPanel("functions"),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], _("Liên hệ")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("functions"), index.SearchField("address")]
    # English (title_en, functions_en) comes from wardinfo/translation.py.
    normalised_fields = BasePage.normalised_fields + ("address", "phone")

    parent_page_types = ["wardinfo.OrganisationPage"]
    subpage_types = []
    content_kind = ContentKind(
        name="unit",
        search=SearchFields(date="first_published_at", lead="address", body="functions"),
        invalidates=INVALIDATES_SITE,
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def leaders(self, today=None):
        leaders = LeaderPage.objects.filter(unit=self).live().public().order_by("path")
        return _current(leaders, today or timezone.localdate())

    def get_meta_description(self):
        return self.search_description or strip_tags(self.functions)[:300]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = self.leaders()
        context["sub_units"] = self.sub_units.live().public().order_by("path")
        context["json_ld"] = contact.unit_json_ld(self, request)
        return context

    @path("vcard/", name="vcard")
    def vcard(self, request):
        return contact.vcard_response(contact.unit_vcard(self), self.slug)


class LeadersPage(EnglishVersionMixin, SectionListPage):
    default_description = _("Lãnh đạo %(ward)s: chức vụ, nhiệm vụ được phân công, tiểu sử tóm tắt và liên hệ.")
    subpage_types = ["wardinfo.LeaderPage"]
    content_kind = ContentKind(name="ward_leaders", invalidates=INVALIDATES_SITE)

    class Meta:
        verbose_name = _("danh sách lãnh đạo")
        verbose_name_plural = _("danh sách lãnh đạo")

    def leaders(self):
        return LeaderPage.objects.child_of(self).live().public().order_by("path").select_related("photo", "unit")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        leaders = list(self.leaders())
        context["current"] = _current(leaders, today)
        context["former"] = sorted(
            (leader for leader in leaders if not leader.in_office(today)),
            key=lambda leader: leader.term_end or today,
            reverse=True,
        )
        return context


class LeaderPage(RoutableBasePage):
    """A person in a post, with their term: one who leaves keeps the page, with the term's end date."""

    position = models.CharField(_("chức vụ"), max_length=200)
    unit = models.ForeignKey(
        "wardinfo.UnitPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leader_pages",
        verbose_name=_("đơn vị"),
    )
    photo = models.ForeignKey(
        "images.PortalImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("ảnh")
    )
    term_start = models.DateField(_("bắt đầu giữ chức vụ"), null=True, blank=True)
    term_end = models.DateField(
        _("thôi giữ chức vụ"), null=True, blank=True, help_text=_("Để trống khi người này đang giữ chức vụ.")
    )
    duties = RichTextField(_("nhiệm vụ được phân công"), blank=True, features=LIST_FEATURES)
    biography = models.TextField(_("tiểu sử tóm tắt"), blank=True)
    phone = models.CharField(_("điện thoại công vụ"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)

    base_form_class = LeaderPageForm
    content_panels = BasePage.content_panels + [
        FieldPanel("position"),
        PageChooserPanel("unit", "wardinfo.UnitPage"),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("term_start"), FieldPanel("term_end")], _("Nhiệm kỳ")),
        FieldPanel("duties"),
        FieldPanel("biography"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], _("Liên hệ")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("position"), index.SearchField("biography")]
    normalised_fields = BasePage.normalised_fields + (
        "position",
        "biography",
        "phone",
        "position_en",
        "biography_en",
    )
    multiline_fields = BasePage.multiline_fields + ("biography", "biography_en")

    parent_page_types = ["wardinfo.LeadersPage"]
    subpage_types = []
    content_kind = ContentKind(
        name="leader",
        search=SearchFields(date="first_published_at", lead="position", body="biography"),
        invalidates=INVALIDATES_SITE,
    )

    class Meta:
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")

    def in_office(self, today):
        started = self.term_start is None or self.term_start <= today
        return started and (self.term_end is None or self.term_end >= today)

    def get_meta_description(self):
        return self.search_description or self.position

    def get_share_image(self):
        return self.social_image or self.photo

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = contact.person_json_ld(self, request)
        context["current"] = self.in_office(timezone.localdate())
        return context

    @path("vcard/", name="vcard")
    def vcard(self, request):
        return contact.vcard_response(contact.leader_vcard(self), self.slug)


class ContactsPage(EnglishVersionMixin, BasePage):
    """Contact points gathered from the units and the leaders in office; nothing to retype after a reshuffle."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    normalised_fields = BasePage.normalised_fields + ("intro", "intro_en")
    multiline_fields = BasePage.multiline_fields + ("intro", "intro_en")

    parent_page_types = ["wardinfo.IntroPage"]
    subpage_types = []
    max_count_per_parent = 1
    content_kind = ContentKind(name="ward_contacts", invalidates=INVALIDATES_SITE)

    class Meta:
        verbose_name = _("liên hệ")
        verbose_name_plural = _("liên hệ")

    def get_meta_description(self):
        return (
            self.search_description
            or self.intro
            or ward_description(self, _("Điện thoại, thư điện tử công vụ của các cơ quan và lãnh đạo %(ward)s."))
        )

    def contact_points(self):
        section = self.get_parent()
        units = UnitPage.objects.descendant_of(section).live().public().order_by("path")
        leaders = LeaderPage.objects.descendant_of(section).live().public().order_by("path").select_related("unit")
        today = timezone.localdate()
        units = [unit for unit in units if unit.phone or unit.email]
        leaders = [leader for leader in leaders if leader.in_office(today) and (leader.phone or leader.email)]
        return units, leaders

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["units"], context["leaders"] = self.contact_points()
        return context
