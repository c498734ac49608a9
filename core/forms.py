"""The admin's page form, with slugs made the Vietnamese way before Wagtail checks them."""

from django.conf import settings
from django.utils import translation
from wagtail.admin.forms import WagtailAdminPageForm

from core.text import vn_slugify


class PortalPageForm(WagtailAdminPageForm):
    def clean_slug(self):
        # The admin's script proposes a slug from the title with Vietnamese letters kept
        # (WAGTAIL_ALLOW_UNICODE_SLUGS): "phường-ra-quân" becomes "phuong-ra-quan" here, before Wagtail checks
        # that the slug is free under the parent, so a clash is reported on the form, not on saving.
        slug = self.cleaned_data.get("slug", "")
        return vn_slugify(slug) if slug and not slug.isascii() else slug

    def _post_clean(self):
        # `title`, `seo_title` and `search_description` are per-language (page_translation): the form's single
        # field writes the Vietnamese column whatever language the admin itself is shown in.
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            super()._post_clean()
