from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Site

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


class Command(BaseCommand):
    help = _("Nạp nội dung mẫu mục Giới thiệu cho các phường mẫu; mục đã có nội dung thì giữ nguyên.")

    def handle(self, *args, **options):
        filled = 0
        for hostname, data in WARDS.items():
            site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
            if site is None:
                raise CommandError(
                    _("Chưa có trang phường %(host)s: chạy load_demo_content trước.") % {"host": hostname}
                )
            section = ensure_intro_section(site.root_page.specific)
            if OrganisationPage.objects.child_of(section).filter(numchild__gt=0).exists():
                continue  # filled already (by this command or by the ward's editors)
            with transaction.atomic():
                self.fill(section, data)
            filled += 1
        self.stdout.write(_("Nội dung mẫu mục Giới thiệu: đã nạp cho %(count)d phường.") % {"count": filled})

    def fill(self, section, data):
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
