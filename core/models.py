"""The abstract page every portal page type inherits."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from core import freshness, public_urls, restrictions
from core.forms import PortalPageForm
from core.text import fold, normalize_text, vn_slugify

SLUG_MAX_LENGTH = 80
PUBLIC_MAX_AGE = 60


def with_cache_headers(request, response):
    """Readers' pages may be cached by anyone; an editor's view of the site never. Nobody keeps a page past the
    moment its content changes by itself (core.freshness)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    elif not response.has_header("Cache-Control") or "private" not in response["Cache-Control"]:
        max_age = freshness.capped(PUBLIC_MAX_AGE, freshness.fresh_until(request))
        patch_cache_control(response, public=True, max_age=max_age)
    return response


class PortalPageQuerySet(PageQuerySet):
    def public(self):
        """As Wagtail's, without its query of every restriction on each call (core.restrictions); aliases of
        restricted pages are left out too."""
        roots = restrictions.restricted_roots()
        if roots is None:
            return super().public()
        if not roots:
            return self
        private = models.Q()
        for root in roots:
            private |= models.Q(path__startswith=root)
        return self.exclude(private)


class BasePage(Page):
    """SEO/social fields, Vietnamese text hygiene, ASCII slugs and cache headers."""

    base_form_class = PortalPageForm
    objects = PageManager.from_queryset(PortalPageQuerySet)()

    social_image = models.ForeignKey(
        "images.PortalImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Ảnh khi chia sẻ"),
        help_text=_("Ảnh hiện khi đường dẫn được chia sẻ lên Zalo, Facebook. Để trống sẽ dùng ảnh đại diện."),
    )

    og_type = "website"

    # A folded copy of the page's searchable text, so Wagtail's own (admin) search finds "Đảng ủy" when an
    # editor types "dang uy"; the search app's backend folds the query (search/wagtail_backend.py).
    search_fields = Page.search_fields + [
        index.SearchField("folded_search_text"),
        index.AutocompleteField("folded_title"),
    ]

    # Subclasses list their own text fields that must be stored normalised.
    # `*_en`: the English columns wagtail-modeltranslation adds to every page (page_translation).
    normalised_fields = (
        "title",
        "seo_title",
        "search_description",
        "title_en",
        "seo_title_en",
        "search_description_en",
    )
    multiline_fields = ("search_description", "search_description_en")

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
            ],
            _("Tối ưu tìm kiếm và chia sẻ"),
        ),
    ]

    class Meta:
        abstract = True

    def normalise_text_fields(self):
        for name in self.normalised_fields:
            value = getattr(self, name, None)
            if isinstance(value, str):
                setattr(self, name, normalize_text(value, multiline=name in self.multiline_fields))
        if self.slug and not self.slug.isascii():
            self.slug = vn_slugify(self.slug, SLUG_MAX_LENGTH)

    def _set_core_field_defaults(self):
        self.normalise_text_fields()
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if not self.slug and parent_is_known:
            base = vn_slugify(self.title, SLUG_MAX_LENGTH)
            if base:
                self.slug = self.unique_slug(base)
        super()._set_core_field_defaults()

    def unique_slug(self, base):
        """`base`, or `base-2`, `base-3`… still within the length limit, unique among siblings."""
        parent = self.get_parent()
        candidate, suffix = base, 1
        while not self._slug_is_available(candidate, parent, self):
            suffix += 1
            tail = f"-{suffix}"
            candidate = vn_slugify(base, SLUG_MAX_LENGTH - len(tail)) + tail
        return candidate

    def save(self, *args, **kwargs):
        # `title` and the other per-language fields (page_translation) are read and rewritten while saving
        # (here and in Wagtail's minimal_clean): under an English admin they would read the Vietnamese through
        # the fallback and write it into the English column.
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            self.normalise_text_fields()
            return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            return super().full_clean(*args, **kwargs)

    def get_full_url(self, request=None):
        # Sitemap, canonical, Open Graph, RSS and JSON-LD all come through here (core.public_urls).
        return public_urls.page_url(self, request)

    full_url = property(get_full_url)  # Wagtail's property is bound to its own method

    def get_meta_description(self):
        return self.search_description or ""

    def folded_search_text(self):
        texts = []
        for field in self.get_search_fields():
            if isinstance(field, index.SearchField) and field.field_name != "folded_search_text":
                value = field.get_value(self)
                texts.extend(value if isinstance(value, list) else [value or ""])
        return fold(" ".join(str(text) for text in texts))

    def folded_title(self):
        return fold(self.title)

    def get_share_image(self):
        return self.social_image

    def get_view_restrictions(self):
        # Asked by Wagtail on every serve (two queries); almost every page is public (core.restrictions).
        if restrictions.is_known_public(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def serve(self, request, *args, **kwargs):
        return with_cache_headers(request, super().serve(request, *args, **kwargs))


class RoutableBasePage(RoutablePageMixin, BasePage):
    """A BasePage with extra routes (listings, feeds); every route gets the same cache headers."""

    class Meta:
        abstract = True

    def serve(self, request, view=None, args=None, kwargs=None):
        return with_cache_headers(request, super().serve(request, view, args, kwargs))
