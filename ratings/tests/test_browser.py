"""A reader in Debian's Chromium, JavaScript off, rates an article with the keyboard alone, adds a comment and
reaches the thank-you page; the article with its block and the thank-you page pass axe-core."""

import pytest

from ratings.models import Comment, PageRatingDay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_reader_rates_a_page_with_the_keyboard_without_javascript(
    live_server, browser, page, axe, ward_site, make_article
):
    article = make_article(ward_site, "Lịch tiếp công dân tháng 12")
    url = live_server.url + article.url_path[len(ward_site.root_page.url_path) - 1 :]
    page.goto(url)
    assert axe(page) == []

    context = browser.new_context(java_script_enabled=False, locale="vi-VN", viewport={"width": 412, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(url)
        tab.get_by_role("button", name="Gửi đánh giá").focus()
        tab.keyboard.press("Enter")  # nothing chosen: the browser asks for a choice, nothing is sent
        assert tab.url == url and PageRatingDay.objects.count() == 0
        tab.get_by_label("1 – Không hữu ích").focus()
        for _step in range(3):
            tab.keyboard.press("ArrowRight")  # arrows move the choice within the group
        assert tab.get_by_label("4 – Hữu ích").is_checked()
        tab.keyboard.press("Tab")  # to "Góp ý thêm", which opens with Enter
        tab.keyboard.press("Enter")
        tab.keyboard.press("Tab")
        tab.keyboard.type("Nên ghi thêm địa điểm tiếp dân.", delay=30)
        tab.keyboard.press("Tab")  # past the honeypot (out of the tab order) to the button
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/danh-gia/cam-on/**")
        assert tab.locator("h1").inner_text() == "Cảm ơn bạn"
        assert "không đăng công khai" in tab.locator("[role=status]").inner_text()
        thanks = tab.url
        tab.get_by_role("link", name="Quay lại trang bạn vừa đọc").click()
        assert tab.url == url
    finally:
        context.close()
    row = PageRatingDay.objects.get()
    assert (row.score, row.count, row.page_id) == (4, 1, article.pk)
    assert Comment.objects.get().text == "Nên ghi thêm địa điểm tiếp dân."
    page.goto(thanks)
    assert axe(page) == []
