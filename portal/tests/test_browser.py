"""A reader's walk through the portal in a real browser: home → category → article."""

import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def serious(violations):
    return [v["id"] for v in violations if v.get("impact") in {"serious", "critical"}]


def test_reader_goes_from_home_to_an_article(live_server, page, axe, ward_site, make_article):
    make_article(
        ward_site,
        "Phường tổ chức ngày hội hiến máu tình nguyện",
        category="van-hoa-xa-hoi",
        lead="Hơn hai trăm người dân đăng ký hiến máu trong buổi sáng.",
        body="<p>Buổi hiến máu diễn ra tại nhà văn hoá khu 4.</p>",
        source="Ban biên tập phường",
        # A fixed moment, so the weekday shown never depends on the day the test runs: 08:15 on a Sunday in Hà Nội.
        published=datetime.datetime(2026, 10, 4, 1, 15, tzinfo=datetime.UTC),
    )

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Phường Hồng Gai" in page.locator(".site-header .brand-name").text_content()
    assert serious(axe(page)) == []

    # On a phone the category menu folds behind one button.
    page.get_by_text("Chuyên mục", exact=True).click()
    page.locator(".nav-toggle a", has_text="Văn hoá – Xã hội").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Văn hoá – Xã hội"
    assert serious(axe(page)) == []

    page.get_by_role("link", name="Phường tổ chức ngày hội hiến máu tình nguyện").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Phường tổ chức ngày hội hiến máu tình nguyện"
    assert page.locator(".article-lead").inner_text().startswith("Hơn hai trăm người dân")
    assert "nhà văn hoá khu 4" in page.locator(".article-body").inner_text()
    assert page.locator(".article-source").inner_text() == "Nguồn: Ban biên tập phường"
    assert page.locator(".article-meta time").inner_text() == "Chủ nhật, 04/10/2026 08:15"
    assert serious(axe(page)) == []
