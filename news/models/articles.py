import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from core.content import ContentKind, SearchFields
from core.models import BasePage, PortalPageQuerySet
from core.routing import live_page_at
from news.blocks import ArticleBodyBlock
from news.related import related_cards

# JSON-LD sits inside a <script>; these characters must not close it.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePageQuerySet(PortalPageQuerySet):
    def find_published(self, home, path_components, sections=()):
        """The live article at home/<category>/<article>/ whose category is live too, or None.

        `sections`: the home page's live sections when already at hand (the site bundle), to spare a query.
        HomePage.route asks this first for every two-segment path (ContentKind.short_route_segments).
        """
        from .categories import CategoryPage

        # The featured image is not joined: only the article's cached parts show it, so it is read (one query)
        # only when they are rendered, and joining it cost every request a quarter of this lookup.
        article, _rest = live_page_at(home, path_components, self)
        if article is None:
            return None
        parent_path = article.path[: -ArticlePage.steplen]
        category = next((c for c in sections if c.path == parent_path), None)
        if category is None:
            category = CategoryPage.objects.live().filter(path=parent_path).first()
        if category is None:
            return None
        article.category = category
        return article

    def in_section(self, page):
        """Published, public articles below `page`, newest first, ready to list."""
        return (
            self.live().public().descendant_of(page).select_related("featured_image").order_by("-published_at", "-pk")
        )


HOME_LATEST = 6


def _home_news(home, request):
    """The home page's featured article (the newest marked featured, else the newest) and the latest others."""
    articles = ArticlePage.objects.in_section(home)
    featured = list(articles.filter(featured=True)[:1]) or list(articles[:1])
    exclude = [featured[0].pk] if featured else []
    return {
        "featured": featured[0] if featured else None,
        "latest": list(articles.exclude(pk__in=exclude)[:HOME_LATEST]),
    }


def _site_feed(home, request):
    from news.feeds import ArticleFeed

    return ArticleFeed()(request, section=home)


class ArticlePage(BasePage):
    """A news article as a reader sees it: title, date, lead, body and its source."""

    published_at = models.DateTimeField(
        _("thời gian đăng"),
        default=timezone.now,
        db_index=True,
        help_text=_("Ngày giờ hiện trên bài viết. Bài được sắp xếp theo thời gian này."),
    )
    lead = models.TextField(
        _("sapo (tóm tắt)"),
        help_text=_("Một hai câu tóm tắt nội dung, hiện đậm dưới tiêu đề và khi chia sẻ bài."),
    )
    body = StreamField(
        ArticleBodyBlock(),
        verbose_name=_("nội dung"),
        help_text=_("Thân bài: đoạn văn, ảnh có chú thích, trích dẫn, bảng."),
    )
    source = models.CharField(
        _("nguồn"),
        max_length=255,
        blank=True,
        help_text=_('Hiện cuối bài dưới dạng "Nguồn: …". Ví dụ: Hồng Gai ngày mới.'),
    )
    source_url = models.URLField(_("đường dẫn nguồn"), blank=True, help_text=_("Không bắt buộc."))
    author = models.CharField(_("tác giả"), max_length=255, blank=True)
    featured_image = models.ForeignKey(
        "images.PortalImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ảnh đại diện"),
    )
    featured = models.BooleanField(_("tin nổi bật"), default=False, help_text=_("Đưa lên đầu trang chủ."))
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("từ khoá"))
    original_url = models.URLField(
        _("địa chỉ trên cổng cũ"),
        max_length=500,
        blank=True,
        db_index=True,
        help_text=_("Địa chỉ của bài trên cổng thông tin cũ (khi nhập bài), để chuyển hướng đường dẫn cũ."),
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    # Help texts for editors who are not technical: what goes in each box, in plain words.
    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=_("Tiêu đề bài viết, ngắn gọn và đủ ý, như người đọc sẽ thấy trên cổng thông tin."),
        ),
        FieldRowPanel([FieldPanel("published_at"), FieldPanel("featured")]),
        FieldPanel("lead"),
        FieldPanel(
            "featured_image",
            help_text=_("Ảnh hiện ở đầu bài và cạnh tiêu đề trong danh sách tin. Nên dùng ảnh ngang."),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("source_url"), FieldPanel("author")],
            _("Nguồn và tác giả"),
        ),
        FieldPanel("tags"),
    ]
    promote_panels = BasePage.promote_panels + [FieldPanel("original_url")]

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_at"),
    ]
    normalised_fields = BasePage.normalised_fields + ("lead", "source", "author")
    multiline_fields = BasePage.multiline_fields + ("lead",)

    parent_page_types = ["news.CategoryPage"]
    subpage_types = []
    # What the platform knows of articles (core.content): searched, found by HomePage.route's short-cut, led
    # by on the home page, and the site's feed.
    content_kind = ContentKind(
        name="article",
        search=SearchFields(date="published_at", lead="lead", body="body"),
        short_route_segments=2,
        home_context=_home_news,
        home_feed=_site_feed,
        archive=True,
    )
    og_type = "article"

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    def get_meta_description(self):
        return self.search_description or self.lead

    def get_share_image(self):
        return self.social_image or self.featured_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        category = getattr(self, "category", None) or self.get_parent().specific
        context["category"] = category
        context["related"] = related_cards(request, category, self)
        # Read only when the article's cached HTML is not at hand (see article_page.html): the template calls
        # it then; even building the query costs more than the rest of this method.
        context["article_tags"] = self.tags.all
        return context

    def json_ld(self, url, publisher=None, image_url=None):
        """schema.org NewsArticle for search engines, safe to put inside <script>."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": strip_tags(self.lead),
            "datePublished": timezone.localtime(self.published_at),
            "dateModified": timezone.localtime(self.last_published_at or self.published_at),
            "mainEntityOfPage": url,
            "inLanguage": "vi",
        }
        if self.author:
            data["author"] = {"@type": "Person", "name": self.author}
        if publisher:
            data["publisher"] = {"@type": "GovernmentOrganization", "name": publisher}
        if image_url:
            data["image"] = [image_url]
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
