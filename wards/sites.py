"""Creating a complete ward site: home page, what the content types set up under it (their standard
categories…: ContentKind.home_setup), settings."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from core import content
from core.text import vn_slugify
from wards.models import HomePage, WardSettings


def tree_root():
    """Wagtail's root page; recreated (with the default locale) on a database emptied by a flush."""
    root = Page.get_first_root_node()
    if root is not None:
        return root
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    return Page.add_root(
        instance=Page(
            title="Trang gốc", slug="root", content_type=ContentType.objects.get_for_model(Page), url_path="/"
        )
    )


@transaction.atomic
def ensure_ward_site(hostname, ward_name, *, port=80, is_default=False, **settings_fields):
    """Create or complete the site for `hostname`; running it again changes nothing."""
    site = Site.objects.filter(hostname=hostname, port=port).first()
    if site is None and is_default:
        site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        root = tree_root()
        slug = vn_slugify(ward_name) or hostname.replace(".", "-")
        # A home page left without a site is taken over; another site's home page never is.
        home = HomePage.objects.child_of(root).filter(slug=slug, sites_rooted_here=None).first()
        if home is None and Page.objects.child_of(root).filter(slug=slug).exists():
            slug = vn_slugify(f"{ward_name} {hostname}")  # ward names repeat across provinces
            home = HomePage.objects.child_of(root).filter(slug=slug, sites_rooted_here=None).first()
        if home is None:
            home = HomePage(title=f"Trang chủ {ward_name}", slug=slug)
            root.add_child(instance=home)
            home.save_revision().publish()
        old_root = site.root_page if site else None
        if site is None:
            site = Site(hostname=hostname, port=port)
        site.hostname, site.port, site.root_page = hostname, port, home
        site.site_name = ward_name
        site.is_default_site = is_default or site.is_default_site
        site.save()
        # Wagtail's first migration leaves a "Welcome" page nobody needs.
        if old_root is not None and old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()

    for set_up in content.home_setups():
        set_up(home)

    ward = WardSettings.for_site(site)
    changed = ward.ward_name != ward_name
    ward.ward_name = ward_name
    for name, value in settings_fields.items():
        if value is not None and getattr(ward, name) != value:
            setattr(ward, name, value)
            changed = True
    if changed or ward.pk is None:
        ward.save()

    from editorial.roles import ensure_editorial_groups

    ensure_editorial_groups(site)
    return site
