"""The section as a reader on a phone sees it, in headless Chromium: no axe violations, nothing wider than
the screen, the map drawn."""

import pytest

from wardinfo import demo_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/gioi-thieu/",
    "/gioi-thieu/di-tich-danh-thang/nui-bai-tho/",
    "/gioi-thieu/co-cau-to-chuc/",
    "/gioi-thieu/lanh-dao/",
    "/gioi-thieu/lanh-dao/tran-thi-minh-hoa/",
    "/gioi-thieu/lien-he/",
    "/en/gioi-thieu/",
    "/en/gioi-thieu/co-cau-to-chuc/",
    "/en/gioi-thieu/lanh-dao/",
    "/en/gioi-thieu/lien-he/",
]


def test_the_demo_section_reads_well_on_a_phone(live_server, page, axe, ward_site, other_site):
    demo_content.load({"honggai": ward_site, "baichay": other_site})
    for path in PAGES:
        answer = page.goto(live_server.url + path)
        assert answer.status == 200, path
        assert axe(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the phone"
    page.goto(live_server.url + "/gioi-thieu/")
    assert page.get_by_role("img", name="Bản đồ ranh giới Phường Hồng Gai").is_visible()
