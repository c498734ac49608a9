"""The demo wards' "Giới thiệu" section (wardinfo/demo/content.py, our own writing; the boundaries are labelled
sketches); load_demo_content calls load."""

from django.db import transaction
from django.utils.translation import gettext as _

from wardinfo.demo.content import SKETCH_NOTE, WARDS
from wardinfo.models import (
    ContactsPage,
    FormerWard,
    HistoryPage,
    LeaderPage,
    LeadersPage,
    OrganisationPage,
    PlacePage,
    PlacePhoto,
    PlacesPage,
    UnitPage,
)
from wardinfo.setup import ensure_intro_section
from wards.demo.images import illustration_bytes, save_image


def _publish(page):
    page.save_revision().publish()


def _add(parent, page):
    parent.add_child(instance=page)
    _publish(page)
    return page


def load(sites):
    """Fill the section of each demo ward (`sites`: key → Site) that has demo text, once: a section whose
    organisation already has units (from this or from the ward's editors) is left as it is."""
    filled = 0
    for site in sites.values():
        data = WARDS.get(site.hostname)
        if data is None:
            continue
        section = ensure_intro_section(site.root_page.specific)
        if OrganisationPage.objects.child_of(section).filter(numchild__gt=0).exists():
            continue
        with transaction.atomic():
            _fill(section, data)
        filled += 1
    return _("Nội dung mẫu mục Giới thiệu: đã nạp cho %(count)d phường.") % {"count": filled}


def _fill(section, data):
    section.summary = data["summary"]
    section.summary_en = data.get("summary_en", "")
    for name in ("area_km2", "population", "population_year", "residential_groups"):
        setattr(section, name, data.get(name))
    section.natural_conditions = data.get("natural_conditions", "")
    section.boundary_geojson, section.boundary_note = data["boundary"], SKETCH_NOTE
    section.former_wards = [FormerWard(**former) for former in data["former_wards"]]
    _publish(section)

    history = HistoryPage.objects.child_of(section).get()
    history.body = data["history"]
    _publish(history)

    places = PlacesPage.objects.child_of(section).get()
    for number, place_data in enumerate(data["places"], 1):
        place = PlacePage(**place_data)
        image = save_image(place.title, illustration_bytes(place.title), f"di-tich-{number}.jpg", "Ảnh minh hoạ")
        place.photos = [PlacePhoto(image=image, caption=f"{place.title} (ảnh minh hoạ của nội dung mẫu)")]
        _add(places, place)

    organisation = OrganisationPage.objects.child_of(section).get()
    units = {}
    for unit_data in data["units"]:
        fields = dict(unit_data)
        key, parent = fields.pop("key"), fields.pop("parent", None)
        units[key] = _add(organisation, UnitPage(parent_unit=units.get(parent), **fields))

    leaders = LeadersPage.objects.child_of(section).get()
    for leader_data in data["leaders"]:
        fields = dict(leader_data)
        _add(leaders, LeaderPage(unit=units[fields.pop("unit")], **fields))

    contacts = ContactsPage.objects.child_of(section).get()
    contacts.intro, contacts.intro_en = data["contacts_intro"], data.get("contacts_intro_en", "")
    _publish(contacts)
