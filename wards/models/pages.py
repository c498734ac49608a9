from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core import content
from core.models import BasePage, RoutableBasePage


class HomePage(RoutableBasePage):
    """A ward portal's home: featured and latest news, and the latest of each category."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chủ phường, xã")

    @classmethod
    def clean_subpage_models(cls):
        # No subpage_types list: a home accepts the page types that name it in their parent_page_types, so a
        # content app plugs a new section in without editing this app (core.content).
        if cls._clean_subpage_models is None:
            cls._clean_subpage_models = content.children_naming(cls)
        return cls._clean_subpage_models

    def get_context(self, request, *args, **kwargs):
        # What the page shows (featured and latest news, each category's latest) comes from the content types
        # (ContentKind.home_context).
        context = super().get_context(request, *args, **kwargs)
        for add_context in content.home_contexts():
            context.update(add_context(self, request))
        return context

    def route(self, request, path_components):
        # A page of a type that asks for it (an article: /category/article/) is found with one query by its
        # url_path instead of walking the tree level by level; anything else, and a path none of them has,
        # takes Wagtail's usual route.
        models = content.short_routed(len(path_components))
        if models:
            bundle = getattr(request, "ward_bundle", None)
            sections = bundle.sections if bundle is not None and bundle.home.pk == self.pk else ()
            for model in models:
                page = model.objects.find_published(self, path_components, sections)
                if page is not None:
                    return RouteResult(page)
        return super().route(request, path_components)

    @path("rss/", name="rss")
    def rss(self, request):
        feed = content.home_feed()  # the site's news (ContentKind.home_feed)
        if feed is None:
            raise Http404
        return feed(self, request)
