from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from wards.models import WardSettings


def _home(request):
    site = Site.find_for_request(request)
    return site.root_page.specific if site else None


def ward(request):
    """The ward whose portal this request is for, its home page and category menu."""
    bundle = getattr(request, "ward_bundle", None)
    if bundle is not None:
        return {"ward": bundle.ward, "site_home": bundle.home, "menu_categories": bundle.menu}

    from news.models import CategoryPage

    home = SimpleLazyObject(lambda: _home(request))
    return {
        "ward": SimpleLazyObject(lambda: WardSettings.for_request(request)),
        "site_home": home,
        "menu_categories": SimpleLazyObject(lambda: list(CategoryPage.menu_for(home)) if home else []),
    }
