"""News in the public API (api.registry): /api/articles/ and /api/categories/."""

import datetime
from typing import Annotated

from django.utils import timezone
from ninja import Field, Schema
from wagtail.rich_text import RichText

from api.items import NONBLANK_PATTERN, TEXT_PATTERN, CleanText, NonBlank, PageItem, page_fields, section_filter
from api.registry import Filter, Resource
from core.text import normalize_text
from news.importing import body_to_html
from news.models import ArticlePage, ArticleTag, CategoryPage


class CategoryRef(Schema):
    id: int
    slug: str
    title: str


class Article(PageItem):
    published_at: datetime.datetime
    lead: str
    category: CategoryRef | None
    source: str
    source_url: str
    author: str
    featured: bool
    tags: list[str]


class Category(PageItem):
    slug: str
    intro: str


def _prepare_articles(articles):
    """The category and the tags of a page of articles, in two queries."""
    if not articles:
        return
    steplen = ArticlePage.steplen
    parents = {
        category.path: category
        for category in CategoryPage.objects.filter(path__in={a.path[:-steplen] for a in articles}).only(
            "pk", "slug", "title", "path"
        )
    }
    tags = {}
    for item in ArticleTag.objects.filter(content_object__in=[a.pk for a in articles]).select_related("tag"):
        tags.setdefault(item.content_object_id, []).append(item.tag.name)
    for article in articles:
        article.api_category = parents.get(article.path[:-steplen])
        article.api_tags = sorted(tags.get(article.pk, []))


def _article(article, request):
    category = getattr(article, "api_category", None)
    return page_fields(article, request) | {
        "published_at": article.published_at,
        "lead": article.lead,
        "category": {"id": category.pk, "slug": category.slug, "title": category.title} if category else None,
        "source": article.source,
        "source_url": article.source_url,
        "author": article.author,
        "featured": article.featured,
        "tags": getattr(article, "api_tags", []),
    }


class ArticleIn(Schema):
    """An article a partner system sends: kept as a draft for the ward's editors to review and publish."""

    title: Annotated[str, Field(min_length=1, max_length=255, json_schema_extra=NONBLANK_PATTERN), CleanText, NonBlank]
    category: Annotated[str, Field(pattern=r"^[-a-z0-9]{1,100}$")]
    lead: Annotated[str, Field(max_length=2000, json_schema_extra=TEXT_PATTERN), CleanText] = ""
    body: Annotated[str, Field(max_length=200_000, json_schema_extra=TEXT_PATTERN), CleanText] = Field(
        "", description="Plain text, blank lines between paragraphs."
    )
    source: Annotated[str, Field(max_length=255, json_schema_extra=TEXT_PATTERN), CleanText] = ""
    published_at: datetime.datetime | None = Field(
        None, description="Shown as the article's date; outside 1900–2999 (or absent): the time it is sent."
    )


def _plausible(moment):
    if moment is None or not 1900 <= moment.year <= 2999:
        return None
    try:
        return moment.astimezone(datetime.UTC)  # an offset near a year's end may leave the range
    except OverflowError:
        return None


def _create_article(site, data):
    """A draft article under the site's category, its first revision saved: editors publish it."""
    category = CategoryPage.objects.child_of(site.root_page).filter(slug=data.category).first()
    if category is None:
        raise LookupError("category")
    body_html, _hidden = body_to_html(data.body)
    page = ArticlePage(
        title=normalize_text(data.title),
        lead=normalize_text(data.lead),
        source=normalize_text(data.source),
        body=[("paragraph", RichText(body_html))] if body_html else [],
        published_at=_plausible(data.published_at) or timezone.now(),
        live=False,
    )
    category.add_child(instance=page)
    page.save_revision()
    return page


RESOURCES = [
    Resource(
        name="articles",
        description="Published articles of the site, newest first. The full body of one: Wagtail's "
        "/api/v3/pages/{id}/.",
        schema=Article,
        queryset=lambda site: (
            ArticlePage.objects.live()
            .public()
            .descendant_of(site.root_page)
            # Only what an item shows: the body (a StreamField) is the bulk of a row.
            .defer("body")
            .order_by("-published_at", "-pk")
        ),
        item=_article,
        prepare=_prepare_articles,
        date_field="published_at",
        filters=(
            Filter("category", "Slug of a category (see /api/categories/).", section_filter(CategoryPage)),
            Filter(
                "featured",
                "Only featured (true) or other (false) articles.",
                lambda q, v, s: q.filter(featured=v),
                type=bool,
            ),
        ),
        tags=("news",),
        input_schema=ArticleIn,
        create=_create_article,
        write_scope="articles:write",
    ),
    Resource(
        name="categories",
        description="The site's news categories, in menu order.",
        schema=Category,
        queryset=lambda site: CategoryPage.objects.live().public().child_of(site.root_page).order_by("path"),
        item=lambda page, request: page_fields(page, request) | {"slug": page.slug, "intro": page.intro},
        tags=("news",),
    ),
]
