"""A reader's browser on the procedures pages: filter by field through the form, no accessibility violations."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_listing_filter_and_procedure_page_are_accessible(live_server, page, axe, ward_site, make_procedure):
    make_procedure(ward_site, "1.000001", "Đăng ký khai sinh", processing_time="Ngay trong ngày làm việc")
    copy = make_procedure(
        ward_site,
        "2.000001",
        "Chứng thực bản sao từ bản chính",
        field="Chứng thực",
        papers="Bản chính\nBản sao",
        steps="Nộp hồ sơ\nNhận kết quả",
        service_url="https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        level="mot-phan",
    )
    page.goto(live_server.url + "/thu-tuc-hanh-chinh/")
    assert axe(page) == []
    page.select_option("#procedure-field", "chung-thuc")
    page.get_by_role("button", name="Tìm thủ tục").click()
    page.wait_for_url("**linh-vuc=chung-thuc**")
    rows = page.locator("table.procedure-list tbody tr")
    assert rows.count() == 1 and "2.000001" in rows.first.inner_text()
    rows.first.get_by_role("link").click()
    page.wait_for_url(f"**{copy.url}")
    assert page.locator("h1").inner_text() == "Chứng thực bản sao từ bản chính"
    link = page.get_by_role("link", name="Nộp hồ sơ trực tuyến thủ tục Chứng thực bản sao từ bản chính")
    assert "noopener" in link.get_attribute("rel")
    assert axe(page) == []
