"""RSS feeds: all of a ward's articles, or one category's."""

import logging

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from core.text import remove_controls
from news.models import ArticlePage, CategoryPage
from wards.sitecache import bundle_for_request

FEED_LENGTH = 30
logger = logging.getLogger(__name__)


def _xml_safe(fields):
    """`fields` with every text cleared of what XML 1.0 cannot carry (controls, lone surrogates)."""

    def clean(value):
        if isinstance(value, str):
            return remove_controls(value)
        if isinstance(value, list | tuple):
            return type(value)(clean(part) for part in value)
        return value

    return {name: clean(value) for name, value in fields.items()}


class VietnameseRssFeed(Rss201rev2Feed):
    """Text saved before today's hygiene, or written around it, must not take the whole feed down: one stray
    control character makes Django's XML writer refuse the document."""

    def __init__(self, title, link, description, **kwargs):
        super().__init__(**_xml_safe({"title": title, "link": link, "description": description, **kwargs}))

    def add_item(self, title, link, description, **kwargs):
        fields = {"title": title, "link": link, "description": description, **kwargs}
        safe = _xml_safe(fields)
        if safe != fields:
            logger.warning("feed item %s holds characters XML cannot carry; they were removed for the feed", link)
        super().add_item(**safe)

    def rss_attributes(self):
        return {**super().rss_attributes(), "xml:lang": "vi"}


class ArticleFeed(Feed):
    feed_type = VietnameseRssFeed

    def get_object(self, request, section):
        self.request = request
        # The site bundle's settings, not WardSettings.for_request(), which creates a row: a GET writes nothing.
        bundle = getattr(request, "ward_bundle", None) or bundle_for_request(request)
        self.ward = bundle.ward
        return section

    def title(self, section):
        ward_title = self.ward.portal_title
        if isinstance(section, CategoryPage):
            return f"{section.title} – {ward_title}"
        return ward_title

    def link(self, section):
        return section.get_full_url(self.request)

    def feed_url(self, section):
        return section.get_full_url(self.request) + "rss/"

    def description(self, section):
        if self.ward.ward_name:
            return _("Tin bài mới nhất của %(ward)s") % {"ward": self.ward.ward_name}
        return _("Tin bài mới nhất")

    def items(self, section):
        return ArticlePage.objects.in_section(section).prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
