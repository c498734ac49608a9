"""RSS of a ward's newest documents (/van-ban/rss/)."""

from core.text import remove_controls
from documents.models import DocumentPage
from wards.feeds import SectionFeed

FEED_LENGTH = 30


class DocumentFeed(SectionFeed):
    def title(self, section):
        return remove_controls(f"{section.title} – {self.ward.portal_title}")

    def description(self, section):
        return remove_controls(f"Văn bản mới ban hành của {self.ward.ward_name}")

    def items(self, section):
        return DocumentPage.objects.in_section(section).order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return remove_controls(item.title)

    def item_description(self, item):
        return remove_controls(f"{item.number} – {item.issuer}, ngày {item.issued:%d/%m/%Y}. {item.summary}")

    def item_pubdate(self, item):
        return item.first_published_at or item.issued_at

    def item_categories(self, item):
        return [item.doc_type.name]
