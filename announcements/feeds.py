"""RSS of a ward's newest announcements (/thong-bao/rss/)."""

from django.utils.html import strip_tags

from announcements.models import AnnouncementPage
from core.text import normalize_text
from wards.feeds import SectionFeed

FEED_LENGTH = 30


class AnnouncementFeed(SectionFeed):
    def title(self, section):
        return f"{section.title} – {self.ward.portal_title}"

    def description(self, section):
        return f"Thông báo mới của {self.ward.ward_name}"

    def items(self, section):
        return AnnouncementPage.objects.in_section(section)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        text = item.lead or normalize_text(strip_tags(item.body))
        return f"{text} (Hiển thị đến hết ngày {item.shown_until:%d/%m/%Y}.)"

    def item_pubdate(self, item):
        return item.published_at
