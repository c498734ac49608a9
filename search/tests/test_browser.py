"""The search page on a phone: the first result is on the first screen."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def serious(violations):
    return [v["id"] for v in violations if v.get("impact") in {"serious", "critical"}]


@pytest.fixture
def results(ward_site, make_article):
    for number in range(3):
        make_article(ward_site, f"Phường tổ chức hiến máu tình nguyện đợt {number + 1}", lead="Người dân hiến máu.")


def test_first_result_is_on_a_phones_first_screen(live_server, page, axe, results):
    page.goto(live_server.url + "/tim-kiem/?q=hien+mau")
    first = page.locator(".search-result").first
    box = first.bounding_box()
    assert box["y"] + 40 <= page.viewport_size["height"], box  # its title at least, without scrolling
    assert not page.locator("#search-category").is_visible()
    assert serious(axe(page)) == []

    page.locator(".search-filters-box summary").click()
    page.select_option("#search-sort", "newest")
    page.locator(".search-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "sort=newest" in page.url
    assert page.locator(".search-filters-box summary").inner_text() == "Lọc kết quả (đang lọc)"
    assert first.bounding_box()["y"] + 40 <= page.viewport_size["height"]


def test_filters_stay_open_on_a_wide_screen(live_server, browser, results):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    try:
        tab = context.new_page()
        tab.goto(live_server.url + "/tim-kiem/?q=hien+mau")
        assert tab.locator("#search-category").is_visible()
        assert tab.locator(".search-result").first.is_visible()
    finally:
        context.close()
