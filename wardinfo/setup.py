"""The "Giới thiệu" section every ward site starts with (ContentKind.home_setup of IntroPage)."""

from django.apps import apps

SECTION_SLUG = "gioi-thieu"
SECTION_TITLE = "Giới thiệu"
# (model name, title, slug) of the sub-pages, in menu order.
SUB_PAGES = [
    ("HistoryPage", "Lịch sử, truyền thống văn hoá", "lich-su-van-hoa"),
    ("PlacesPage", "Di tích, danh thắng", "di-tich-danh-thang"),
    ("OrganisationPage", "Cơ cấu tổ chức", "co-cau-to-chuc"),
    ("LeadersPage", "Lãnh đạo", "lanh-dao"),
    ("ContactsPage", "Liên hệ", "lien-he"),
]


def _publish(parent, page):
    if parent.get_children().filter(slug=page.slug).exists():
        page.slug = ""  # taken by a page of the ward's own: BasePage picks "gioi-thieu-2"
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_intro_section(home):
    """Create what is missing of the section under `home`; pages the ward already has are left as they are
    (a deleted sub-page comes back empty on the next run, as the standard categories do)."""
    IntroPage = apps.get_model("wardinfo", "IntroPage")
    section = IntroPage.objects.child_of(home).first()
    if section is None:
        section = _publish(home, IntroPage(title=SECTION_TITLE, slug=SECTION_SLUG, show_in_menus=True))
    for model_name, title, slug in SUB_PAGES:
        model = apps.get_model("wardinfo", model_name)
        if not model.objects.child_of(section).exists():
            _publish(section, model(title=title, slug=slug))
    return section
