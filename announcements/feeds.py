"""RSS of a ward's newest announcements (/thong-bao/rss/)."""

from django.contrib.syndication.views import Feed
from django.utils.html import strip_tags

from announcements.models import AnnouncementPage
from core.feeds import VietnameseRssFeed
from core.text import normalize_text
from wards.sitecache import bundle_for_request

FEED_LENGTH = 30


class AnnouncementFeed(Feed):
    feed_type = VietnameseRssFeed

    def get_object(self, request, section):
        self.request = request
        # The site bundle's settings: a GET writes nothing (WardSettings.for_request would create a row).
        bundle = getattr(request, "ward_bundle", None) or bundle_for_request(request)
        self.ward = bundle.ward
        return section

    def title(self, section):
        return f"{section.title} – {self.ward.portal_title}"

    def link(self, section):
        return section.get_full_url(self.request)

    def feed_url(self, section):
        return section.get_full_url(self.request) + "rss/"

    def description(self, section):
        return f"Thông báo mới của {self.ward.ward_name}"

    def items(self, section):
        return AnnouncementPage.objects.in_section(section)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        text = item.lead or normalize_text(strip_tags(item.body))
        return f"{text} (Hiển thị đến hết ngày {item.shown_until:%d/%m/%Y}.)"

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_at
