"""The "Tin cùng chuyên mục" cards under an article, rendered once per category and shared by its articles.

The cards are the category's newest articles, so they change only when something in the category is
published, unpublished, moved or deleted, which moves the category's page-cache generation
(pagecache.signals). Each process keeps the rendered cards under that generation, so an article rendered
for the first time (the long tail of old articles) needs neither the query nor the four card renders.
"""

from django.core.cache import caches
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from pagecache.keys import group_of
from pagecache.store import recent_generations
from wards.context_processors import FRAGMENT_SECONDS

RELATED_COUNT = 4
CARD_TEMPLATE = "components/article_card.html"


def _key(request, category):
    """The cache key of the category's cards as this request would show them, or None: not to be cached."""
    bundle = getattr(request, "ward_bundle", None)
    if bundle is None or getattr(request, "is_preview", False):
        return None
    home_path = bundle.home.url_path
    if not category.url_path.startswith(home_path):
        return None
    group = group_of(category.url_path[len(home_path) - 1 :])
    try:
        generations = recent_generations(bundle.site.pk, group)
    except Exception:  # noqa: BLE001 - shared cache down: generations unknown, render afresh
        return None
    # Links are relative to the host the request came in on.
    return f"related:{request.get_host()}:{bundle.site.pk}:{category.pk}:{generations[0]}:{generations[1]}"


def _render(request, category):
    from news.models import ArticlePage

    template = get_template(CARD_TEMPLATE)
    # One more than shown, so the article itself can be left out.
    articles = ArticlePage.objects.in_section(category)[: RELATED_COUNT + 1]
    return [(article.pk, template.render({"article": article, "request": request})) for article in articles]


def related_cards(request, category, article):
    """HTML of up to RELATED_COUNT cards of the newest other articles in `category`."""
    key = _key(request, category)
    if key is None:
        cards = _render(request, category)
    else:
        cards = caches["fragments"].get_or_set(key, lambda: _render(request, category), FRAGMENT_SECONDS)
    return [mark_safe(html) for pk, html in cards if pk != article.pk][:RELATED_COUNT]  # noqa: S308 - our template
