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

# The pages whose header links to their other language.
SECTION = ["/gioi-thieu/", "/gioi-thieu/co-cau-to-chuc/", "/gioi-thieu/lanh-dao/", "/gioi-thieu/lien-he/"]
SWITCHES = dict.fromkeys(SECTION, "English") | {"/en" + path: "Tiếng Việt" for path in SECTION}


def test_the_demo_section_reads_well_on_a_phone(live_server, page, axe, ward_site, other_site):
    demo_content.load({"honggai": ward_site, "baichay": other_site})
    for path in PAGES:
        answer = page.goto(live_server.url + path)
        assert answer.status == 200, path
        assert axe(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the phone"
        if path in SWITCHES:
            switch = page.get_by_role("banner").get_by_role("link", name=SWITCHES[path], exact=True)
            assert switch.is_visible(), path
            box = switch.bounding_box()
            assert box["height"] >= 24 and box["width"] >= 24, f"{path}: the switch is too small to tap"
    page.goto(live_server.url + "/gioi-thieu/")
    assert page.get_by_role("img", name="Bản đồ ranh giới Phường Hồng Gai").is_visible()
