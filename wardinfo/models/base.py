from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.models import BasePage


def ward_description(page, template):
    """`template` with the ward's name: a description of its own for each ward's copy of a standard page."""
    site = page.get_site()
    return str(template) % {"ward": site.site_name if site else ""}


class SectionListPage(BasePage):
    """A sub-page of the section that lists structured items (units, leaders, places) under an introduction."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    normalised_fields = BasePage.normalised_fields + ("intro",)
    multiline_fields = BasePage.multiline_fields + ("intro",)

    parent_page_types = ["wardinfo.IntroPage"]
    max_count_per_parent = 1
    # What search engines show when the editors wrote neither a description nor an introduction.
    default_description = ""

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.intro or ward_description(self, self.default_description)


class EnglishVersionMixin:
    """A page that may have an English version at /en/…: the link to it and the hreflang alternates."""

    def get_context(self, request, *args, **kwargs):
        from wardinfo import english

        context = super().get_context(request, *args, **kwargs)
        context["english_url"] = english.english_url(self, request)
        context["alternates"] = english.alternates(self, request, context["english_url"])
        return context
