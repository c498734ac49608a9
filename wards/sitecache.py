"""Each ward site's unchanging parts (site, home page, settings, menu), kept in process memory.

A page needs them on every request; reading them from the database costs five queries.
The copy is reused while the site's generation in the shared page cache is unchanged:
publishing the home page or a section (a category), or saving the ward's settings, bumps it in
every process at once (pagecache.signals). Hostnames are resolved by core.sites (remembered for a minute).
"""

import threading
from dataclasses import dataclass, field
from operator import attrgetter

from wagtail.models import Site

from core import content, memory, sites
from core.generations import shared_cache
from core.sites import site_id_for_request
from pagecache.keys import site_generation_key
from wards.empty_install import empty_install_response

_lock = threading.Lock()
_bundles = {}  # site id -> SiteBundle


@dataclass
class SiteBundle:
    site: Site
    generation: int
    home: object
    ward: object
    sections: list = field(default_factory=list)  # the home's live, public sections (core.content), in tree order
    menu: list = field(default_factory=list)  # those of them shown in menus
    site_settings: dict = field(default_factory=dict)

    def setting(self, model):
        """A site settings model's row for this site, read once per bundle. Saving one must bump the site's
        generation (pagecache.signals), as WardSettings and WidgetSettings do."""
        if model not in self.site_settings:
            # Not Wagtail's for_site(), which creates the row: a page view writes nothing (and a write would
            # bump the generation this bundle is keyed on).
            self.site_settings[model] = model.objects.filter(site=self.site).first() or model(site=self.site)
        return self.site_settings[model]


def _build(site_id, generation):
    from wards.models import WardSettings

    site = Site.objects.select_related("root_page").get(pk=site_id)
    home = site.root_page.specific
    site.root_page = home
    # Not Wagtail's for_site(), which creates the row: a page view writes nothing (as SiteBundle.setting).
    ward = WardSettings.objects.select_related("logo").filter(site=site).first() or WardSettings(site=site)
    sections = sorted(
        (
            page
            for model in content.section_models()
            for page in model.objects.child_of(home).live().public().order_by("path")
        ),
        key=attrgetter("path"),
    )
    menu = [section for section in sections if section.show_in_menus]
    return SiteBundle(site=site, generation=generation, home=home, ward=ward, sections=sections, menu=menu)


def bundle_for_request(request):
    site_id = site_id_for_request(request)
    if site_id is None:
        return None
    key = site_generation_key(site_id)
    try:
        generation = memory.remembered(key, lambda: shared_cache().get(key, 0))
    except Exception:  # noqa: BLE001 - shared cache down: build afresh rather than risk stale data
        generation = None
    bundle = _bundles.get(site_id)
    if bundle is None or generation is None or bundle.generation != generation:
        try:
            bundle = _build(site_id, generation)
        except Site.DoesNotExist:
            return None
        if generation is not None:
            with _lock:
                _bundles[site_id] = bundle
    return bundle


def forget_all():
    """For tests and for a process that must drop everything it remembers."""
    sites.forget()
    with _lock:
        _bundles.clear()


class SiteBundleMiddleware:
    """Gives Wagtail the request's site (with its home page) without asking the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bundle = bundle_for_request(request)
        request.ward_bundle = bundle
        if bundle is not None:
            request._wagtail_site = bundle.site
        return empty_install_response(request, bundle) or self.get_response(request)
