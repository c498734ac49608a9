"""RSS feeds: all of a ward's articles, or one category's."""

from django.utils.translation import gettext as _

from news.models import ArticlePage, CategoryPage
from wards.feeds import SectionFeed

FEED_LENGTH = 30


class ArticleFeed(SectionFeed):
    def title(self, section):
        ward_title = self.ward.portal_title
        if isinstance(section, CategoryPage):
            return f"{section.title} – {ward_title}"
        return ward_title

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

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
