"""Creating a complete ward site: home page, standard categories, settings."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from core.text import vn_slugify
from wards.models import HomePage, WardSettings

STANDARD_CATEGORIES = [
    ("Tin tức – Sự kiện", "Tin hoạt động, sự kiện nổi bật trên địa bàn."),
    ("Xây dựng Đảng", "Hoạt động của Đảng bộ và các chi bộ."),
    ("Chính quyền", "Hoạt động của HĐND, UBND; thông báo, chính sách."),
    ("An ninh – Quốc phòng", "Quân sự địa phương, an ninh trật tự, phòng cháy chữa cháy."),
    ("Văn hoá – Xã hội", "Giáo dục, y tế, văn hoá, thể thao, an sinh xã hội."),
]


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
    from news.models import CategoryPage

    site = Site.objects.filter(hostname=hostname, port=port).first()
    if site is None and is_default:
        site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        root = tree_root()
        slug = vn_slugify(ward_name) or hostname.replace(".", "-")
        home = HomePage.objects.child_of(root).filter(slug=slug).first()
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

    for title, intro in STANDARD_CATEGORIES:
        slug = vn_slugify(title)
        if not CategoryPage.objects.child_of(home).filter(slug=slug).exists():
            category = CategoryPage(title=title, slug=slug, intro=intro, show_in_menus=True)
            home.add_child(instance=category)
            category.save_revision().publish()

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
