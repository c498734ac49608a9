"""Who may announce a suspension in the admin: a ward's administrators for their own site only; an all-sites
notice only whoever holds maintenance.notify_all_sites (province IT staff); too short a notice is refused there
with the reason in Vietnamese."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from editorial.models import Role
from editorial.tests.fixtures import login_verified
from maintenance.models import MaintenanceNotice

pytestmark = pytest.mark.django_db
ADD = "wagtailsnippets_maintenance_maintenancenotice:add"


def form(site, starts, hours=4, emergency=False):
    data = {
        "site": site.pk if site else "",
        "starts_at": f"{starts:%Y-%m-%d %H:%M}",
        "ends_at": f"{starts + datetime.timedelta(hours=hours):%Y-%m-%d %H:%M}",
        "reason": "Nâng cấp hệ thống mạng của Ủy ban",
    }
    if emergency:
        data["emergency"] = "on"
    return data


@pytest.fixture
def later(clock):
    return datetime.datetime(2026, 12, 28, 20, 0)  # well past seven working days from Monday 7 December


def test_a_ward_administrator_announces_for_the_own_site_only(client, ward_site, other_site, make_staff, later):
    admin = make_staff(ward_site, Role.ADMIN)
    login_verified(client, admin)
    page = client.get(reverse(ADD))
    assert page.status_code == 200
    assert set(page.context["form"].fields["site"].queryset) == {ward_site}
    assert client.post(reverse(ADD), form(ward_site, later)).status_code == 302
    notice = MaintenanceNotice.objects.get()
    assert notice.site == ward_site and notice.created_by == admin

    for refused in (other_site, None):  # another site, or all of them
        response = client.post(reverse(ADD), form(refused, later))
        assert response.status_code == 200 and response.context["form"].errors.get("site")
    assert MaintenanceNotice.objects.count() == 1

    theirs = MaintenanceNotice.objects.create(
        site=other_site, starts_at=notice.starts_at, ends_at=notice.ends_at, reason="Khác"
    )
    everyone = MaintenanceNotice.objects.create(
        site=None, starts_at=notice.starts_at, ends_at=notice.ends_at, reason="Tỉnh"
    )
    listing = client.get(reverse("wagtailsnippets_maintenance_maintenancenotice:list"))
    assert set(listing.context["object_list"]) == {notice}
    for other in (theirs, everyone):
        for view in ("edit", "delete"):
            answer = client.get(reverse(f"wagtailsnippets_maintenance_maintenancenotice:{view}", args=[other.pk]))
            assert answer.status_code == 404 or answer.url == "/admin/"
        assert (
            client.post(reverse("wagtailsnippets_maintenance_maintenancenotice:delete", args=[other.pk])).status_code
            == 404
        )
    assert MaintenanceNotice.objects.count() == 3


def test_editors_and_chiefs_cannot_announce(client, ward_site, make_staff):
    for role in (Role.EDITOR, Role.CHIEF):
        login_verified(client, make_staff(ward_site, role))
        assert client.get(reverse(ADD)).status_code in (302, 403), role


def test_province_staff_announce_for_all_sites(client, ward_site, other_site, make_staff, later):
    staff = make_staff(ward_site, Role.EDITOR, username="cntt-tinh")
    staff.user_permissions.add(Permission.objects.get(codename="notify_all_sites"))
    login_verified(client, staff)
    assert client.post(reverse(ADD), form(None, later)).status_code == 302
    assert MaintenanceNotice.objects.get().site is None


def test_too_short_a_notice_is_refused_unless_an_emergency(client, ward_site, make_staff, clock):
    login_verified(client, make_staff(ward_site, Role.ADMIN))
    soon = datetime.datetime(2026, 12, 10, 22, 0)
    response = client.post(reverse(ADD), form(ward_site, soon))
    assert response.status_code == 200
    assert "ít nhất 7 ngày làm việc" in response.content.decode()
    assert not MaintenanceNotice.objects.exists()
    assert client.post(reverse(ADD), form(ward_site, soon, emergency=True)).status_code == 302
    assert MaintenanceNotice.objects.get().emergency


def test_the_holidays_are_edited_by_province_staff_not_ward_administrators(
    client, ward_site, make_staff, django_user_model
):
    from maintenance.models import PublicHoliday

    login_verified(client, make_staff(ward_site, Role.ADMIN))
    assert client.get(reverse("wagtailsnippets_maintenance_publicholiday:list")).status_code in (302, 403)

    root = django_user_model.objects.create_superuser("cntt", "cntt@example.org", "Mật-khẩu-Thử-2026!")
    login_verified(client, root)
    listing = client.get(reverse("wagtailsnippets_maintenance_publicholiday:list"))
    assert listing.status_code == 200 and "Quốc khánh" in listing.content.decode()
    added = client.post(
        reverse("wagtailsnippets_maintenance_publicholiday:add"),
        {"date": "2026-09-01", "name": "Quốc khánh (ngày liền kề)"},
    )
    assert added.status_code == 302
    assert PublicHoliday.objects.filter(date=datetime.date(2026, 9, 1)).exists()
