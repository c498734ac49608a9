"""What every RSS feed of a ward's section shares: Vietnamese RSS that no stray character can break, the ward's
settings from the site bundle (a GET writes nothing: WardSettings.for_request would create a row), links back
to the portal. A content app's feed subclasses SectionFeed and says its title, description and items."""

from django.contrib.syndication.views import Feed

from core.feeds import VietnameseRssFeed
from wards.sitecache import bundle_for_request


class SectionFeed(Feed):
    feed_type = VietnameseRssFeed

    def get_object(self, request, section):
        self.request = request
        bundle = getattr(request, "ward_bundle", None) or bundle_for_request(request)
        self.ward = bundle.ward
        return section

    def link(self, section):
        return section.get_full_url(self.request)

    def feed_url(self, section):
        return section.get_full_url(self.request) + "rss/"

    def item_link(self, item):
        return item.get_full_url(self.request)
