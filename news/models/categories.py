from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path, route
from wagtail.search import index

from core.content import ContentKind
from core.models import BasePage, RoutableBasePage
from core.text import vn_slugify

ARTICLES_PER_PAGE = 12
HOME_BLOCK_ARTICLES = 4
# Every ward site starts with these (title, introduction), shown in its menu.
STANDARD_CATEGORIES = [
    ("Tin tức – Sự kiện", "Tin hoạt động, sự kiện nổi bật trên địa bàn."),
    ("Xây dựng Đảng", "Hoạt động của Đảng bộ và các chi bộ."),
    ("Chính quyền", "Hoạt động của HĐND, UBND; thông báo, chính sách."),
    ("An ninh – Quốc phòng", "Quân sự địa phương, an ninh trật tự, phòng cháy chữa cháy."),
    ("Văn hoá – Xã hội", "Giáo dục, y tế, văn hoá, thể thao, an sinh xã hội."),
]


def _add_standard_categories(home):
    for title, intro in STANDARD_CATEGORIES:
        slug = vn_slugify(title)
        if not CategoryPage.objects.child_of(home).filter(slug=slug).exists():
            category = CategoryPage(title=title, slug=slug, intro=intro, show_in_menus=True)
            home.add_child(instance=category)
            category.save_revision().publish()


def _home_blocks(home, request):
    return {"category_blocks": CategoryPage.with_latest(home, per_category=HOME_BLOCK_ARTICLES)}


class CategoryPage(RoutableBasePage):
    """A news category (chuyên mục): lists its articles, newest first."""

    intro = models.TextField(_("giới thiệu chuyên mục"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    normalised_fields = BasePage.normalised_fields + ("intro",)
    multiline_fields = BasePage.multiline_fields + ("intro",)

    parent_page_types = ["wards.HomePage"]
    subpage_types = ["news.ArticlePage"]
    content_kind = ContentKind(
        name="category", section=True, home_context=_home_blocks, home_setup=_add_standard_categories
    )

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    @classmethod
    def with_latest(cls, home, per_category=4):
        """Each category of `home` that has articles, with its latest ones."""
        from .articles import ArticlePage

        blocks = []
        for category in cls.objects.child_of(home).live().public().in_menu():
            articles = list(ArticlePage.objects.in_section(category)[:per_category])
            if articles:
                blocks.append((category, articles))
        return blocks

    def get_meta_description(self):
        return self.search_description or self.intro

    @route(r"^$")
    def listing(self, request):
        from .articles import ArticlePage

        paginator = Paginator(ArticlePage.objects.in_section(self), ARTICLES_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"page_obj": page_obj, "articles": page_obj.object_list})

    @path("rss/", name="rss")
    def rss(self, request):
        from news.feeds import ArticleFeed

        return ArticleFeed()(request, section=self)
