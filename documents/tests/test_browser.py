"""A reader's browser on the documents pages: filters by the form, no accessibility violations."""

import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_listing_filters_and_document_page_are_accessible(live_server, page, axe, ward_site, make_document):
    make_document(ward_site, "15/QĐ-UBND", "Về phòng chống thiên tai", issued=datetime.date(2025, 3, 10))
    plan = make_document(
        ward_site, "7/KH-UBND", "Kế hoạch tiêm chủng mở rộng", doc_type="ke-hoach", issued=datetime.date(2025, 2, 1)
    )
    page.goto(live_server.url + "/van-ban/")
    assert axe(page) == []
    page.select_option("#doc-type", "ke-hoach")
    page.get_by_role("button", name="Tìm văn bản").click()
    page.wait_for_url("**loai=ke-hoach**")
    rows = page.locator("table.document-list tbody tr")
    assert rows.count() == 1 and "7/KH-UBND" in rows.first.inner_text()
    rows.first.get_by_role("link").click()
    page.wait_for_url(f"**{plan.url}")
    assert page.locator("h1").inner_text() == "Kế hoạch số 7/KH-UBND"
    assert axe(page) == []
