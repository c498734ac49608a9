"""The admin's page form, with slugs made the Vietnamese way before Wagtail checks them."""

from wagtail.admin.forms import WagtailAdminPageForm

from core.text import vn_slugify


class PortalPageForm(WagtailAdminPageForm):
    def clean_slug(self):
        # The admin's script proposes a slug from the title with Vietnamese letters kept
        # (WAGTAIL_ALLOW_UNICODE_SLUGS): "phường-ra-quân" becomes "phuong-ra-quan" here, before Wagtail checks
        # that the slug is free under the parent, so a clash is reported on the form, not on saving.
        slug = self.cleaned_data.get("slug", "")
        return vn_slugify(slug) if slug and not slug.isascii() else slug
