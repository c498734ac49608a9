import datetime
import re

import pytest
from django.conf import settings

from editorial.models import Role
from editorial.tests.fixtures import login_verified
from wardinfo.models import LeaderPage, LeadersPage, OrganisationPage, UnitPage


def test_units_show_as_a_nested_list_in_the_editors_order(ward_site, make_unit, client):
    party = make_unit(ward_site, "Đảng uỷ phường")
    committee = make_unit(ward_site, "Uỷ ban nhân dân phường")
    office = make_unit(ward_site, "Văn phòng HĐND và UBND", parent_unit=committee, phone="0203 3800 001")
    make_unit(ward_site, "Phòng Kinh tế", parent_unit=committee)
    organisation = OrganisationPage.objects.descendant_of(ward_site.root_page).get()
    tree = organisation.unit_tree()
    assert [(unit.title, [child.title for child, _ in children]) for unit, children in tree] == [
        (party.title, []),
        (committee.title, [office.title, "Phòng Kinh tế"]),
    ]
    html = client.get(organisation.url).content.decode()
    nested = re.search(r'<ul class="unit-tree">.*?Uỷ ban nhân dân phường</a>\s*<ul>.*?Văn phòng HĐND', html, re.S)
    assert nested, "sub-units sit in a list inside their parent's item"
    assert '<a href="tel:02033800001">0203 3800 001</a>' in html
    assert '"@type": "GovernmentOrganization"' in html and '"telephone": "0203 3800 001"' in html


def test_leaders_in_office_are_listed_and_those_who_left_stay_with_their_term(ward_site, make_leader, client):
    make_leader(ward_site, "Nguyễn Văn An", "Chủ tịch UBND phường", term_end=datetime.date(2025, 6, 30))
    make_leader(ward_site, "Trần Thị Bình", "Chủ tịch UBND phường", term_start=datetime.date(2025, 7, 1))
    today = datetime.date(2026, 12, 6)
    leaders = {leader.title: leader for leader in LeaderPage.objects.all()}
    assert leaders["Trần Thị Bình"].in_office(today) and not leaders["Nguyễn Văn An"].in_office(today)
    html = client.get("/gioi-thieu/lanh-dao/").content.decode()
    current, _, former = html.partition("Lãnh đạo qua các thời kỳ")
    assert "Trần Thị Bình" in current and "Nguyễn Văn An" not in current
    assert "Nguyễn Văn An" in former and "06/2021 – 06/2025" in former
    answer = client.get(leaders["Nguyễn Văn An"].url)
    assert answer.status_code == 200 and "không còn giữ chức vụ" in answer.content.decode()


def test_a_leader_has_person_json_ld_and_a_vcard(ward_site, make_unit, make_leader, client):
    unit = make_unit(ward_site, "Uỷ ban nhân dân phường", email="ubnd@example.gov.vn")
    leader = make_leader(
        ward_site,
        "Lê Văn Cường",
        "Phó Chủ tịch; phụ trách kinh tế",
        unit=unit,
        phone="0203 3800 002",
        email="cuong@example.gov.vn",
    )
    html = client.get(leader.url).content.decode()
    assert '"@type": "Person"' in html and '"email": "cuong@example.gov.vn"' in html and '"worksFor"' in html
    card = client.get(leader.url + "vcard/")
    assert card["Content-Type"] == "text/vcard; charset=utf-8"
    text = card.content.decode()
    assert "FN:Lê Văn Cường\r\n" in text and "TITLE:Phó Chủ tịch\\; phụ trách kinh tế\r\n" in text
    assert "TEL;TYPE=work,voice;VALUE=text:0203 3800 002\r\n" in text
    assert "ORG:Uỷ ban nhân dân phường\r\n" in client.get(unit.url + "vcard/").content.decode()


def test_contacts_gather_units_and_leaders_in_office(ward_site, make_unit, make_leader, client):
    make_unit(ward_site, "Uỷ ban nhân dân phường", phone="0203 3800 000")
    make_unit(ward_site, "Tổ chức không số điện thoại")
    make_leader(ward_site, "Người Đã Nghỉ", "Chủ tịch", phone="0900", term_end=datetime.date(2024, 1, 1))
    make_leader(ward_site, "Người Đương Nhiệm", "Chủ tịch", phone="0901")
    html = client.get("/gioi-thieu/lien-he/").content.decode()
    assert "0203 3800 000" in html and "Người Đương Nhiệm" in html
    assert "Tổ chức không số điện thoại" not in html and "Người Đã Nghỉ" not in html


def test_an_editor_of_another_ward_cannot_touch_this_wards_people(
    ward_site, other_site, make_leader, make_staff, client
):
    leader = make_leader(ward_site, "Phạm Thị Dung", "Bí thư Đảng uỷ")
    outsider = make_staff(other_site, Role.ADMIN)
    insider = make_staff(ward_site, Role.EDITOR)
    assert not leader.permissions_for_user(outsider).can_edit()
    assert leader.permissions_for_user(insider).can_edit()
    assert not leader.permissions_for_user(insider).can_publish()  # the workflow's approval step publishes
    login_verified(client, outsider)
    answer = client.get(f"/{settings.PORTAL_ADMIN_PATH}/pages/{leader.pk}/edit/")
    assert answer.status_code in (302, 403)
    listing = client.get(f"/{settings.PORTAL_ADMIN_PATH}/pages/search/", {"q": "Phạm Thị Dung"})
    assert listing.status_code == 200 and f"/pages/{leader.pk}/" not in listing.content.decode()


@pytest.mark.parametrize("field", ["unit", "parent_unit"])
def test_a_unit_of_another_ward_cannot_be_chosen(ward_site, other_site, make_unit, field):
    foreign = make_unit(other_site, "Uỷ ban nhân dân phường Bãi Cháy")
    page_model = LeaderPage if field == "unit" else UnitPage
    form_class = page_model.get_edit_handler().get_form_class()
    listing_model = {"unit": LeadersPage, "parent_unit": OrganisationPage}[field]
    listing = listing_model.objects.descendant_of(ward_site.root_page).get()
    form = form_class(
        {"title": "Thử", "slug": "thu", "position": "Chủ tịch", field: foreign.pk},
        instance=page_model(),
        parent_page=listing,
        for_user=None,
    )
    assert not form.is_valid()
    assert "Chỉ chọn được đơn vị của chính phường, xã này." in form.errors[field]


def test_a_unit_cannot_be_its_own_ancestor(ward_site, make_unit):
    top = make_unit(ward_site, "Uỷ ban nhân dân phường")
    below = make_unit(ward_site, "Văn phòng", parent_unit=top)
    form_class = UnitPage.get_edit_handler().get_form_class()
    form = form_class(
        {"title": top.title, "slug": top.slug, "parent_unit": below.pk},
        instance=top,
        parent_page=top.get_parent(),
        for_user=None,
    )
    assert not form.is_valid() and "parent_unit" in form.errors


def test_json_ld_cannot_be_closed_by_a_title(ward_site, make_unit, client):
    unit = make_unit(ward_site, "Phòng </script><script>alert(1)</script>", phone="0203")
    html = client.get(unit.url).content.decode()
    data = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "\\u003C/script\\u003E" in data and "<" not in data
