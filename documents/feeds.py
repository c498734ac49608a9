"""RSS of a ward's newest documents (/van-ban/rss/)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from core.text import remove_controls
from documents.models import DocumentPage
from wards.models import WardSettings

FEED_LENGTH = 30


class _VietnameseFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xml:lang": "vi"}


class DocumentFeed(Feed):
    feed_type = _VietnameseFeed

    def get_object(self, request, section):
        self.request = request
        self.ward = WardSettings.for_request(request)
        return section

    def title(self, section):
        return remove_controls(f"{section.title} – {self.ward.portal_title}")

    def link(self, section):
        return section.get_full_url(self.request)

    def feed_url(self, section):
        return section.get_full_url(self.request) + "rss/"

    def description(self, section):
        return remove_controls(f"Văn bản mới ban hành của {self.ward.ward_name}")

    def items(self, section):
        return DocumentPage.objects.in_section(section).order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return remove_controls(item.title)

    def item_description(self, item):
        return remove_controls(f"{item.number} – {item.issuer}, ngày {item.issued:%d/%m/%Y}. {item.summary}")

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at or item.issued_at

    def item_categories(self, item):
        return [item.doc_type.name]
