"""A reader's browser on the announcements: from the home block to the notice and the listing, no
accessibility violations."""

import datetime

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_block_listing_and_page_are_accessible(live_server, page, axe, ward_site):
    from announcements.models import AnnouncementIndexPage, AnnouncementPage

    # The server thread reads the real clock: dates are counted from today.
    today = timezone.localdate()
    section = AnnouncementIndexPage.objects.child_of(ward_site.root_page).get()
    for title, shown in (("Tạm ngừng cấp nước khu 3", 2), ("Tiêm phòng dại tháng trước", -3)):
        notice = AnnouncementPage(
            title=title,
            published_on=today - datetime.timedelta(days=5),
            shown_until=today + datetime.timedelta(days=shown),
            lead="Người dân lưu ý sắp xếp thời gian.",
            body="<p>Nội dung thông báo của phường.</p>",
        )
        section.add_child(instance=notice)
        notice.save_revision().publish()

    page.goto(live_server.url + "/")
    block = page.locator("section.announcement-home")
    assert "Tạm ngừng cấp nước khu 3" in block.inner_text()
    assert "Tiêm phòng dại tháng trước" not in block.inner_text()
    assert axe(page) == []
    block.get_by_role("link", name="Tạm ngừng cấp nước khu 3").click()
    page.wait_for_url("**/thong-bao/tam-ngung-cap-nuoc-khu-3/")
    assert page.locator("h1").inner_text() == "Tạm ngừng cấp nước khu 3"
    assert axe(page) == []
    page.goto(live_server.url + "/thong-bao/")
    assert page.locator(".announcement-item").count() == 2
    assert axe(page) == []
