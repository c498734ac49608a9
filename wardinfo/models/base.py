from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.models import BasePage


class SectionListPage(BasePage):
    """A sub-page of the section that lists structured items (units, leaders, places) under an introduction."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    normalised_fields = BasePage.normalised_fields + ("intro",)
    multiline_fields = BasePage.multiline_fields + ("intro",)

    parent_page_types = ["wardinfo.IntroPage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True
