from wagtail.models import Page

from wardinfo import demo_content
from wardinfo.demo.content import SKETCH_NOTE
from wardinfo.models import FormerWard, LeaderPage, UnitPage


def test_the_demo_fills_both_wards_once_and_labels_its_sketches(ward_site, other_site, client):
    sites = {"honggai": ward_site, "baichay": other_site}
    assert demo_content.load(sites).endswith("đã nạp cho 2 phường.")
    pages = Page.objects.count()
    assert demo_content.load(sites).endswith("đã nạp cho 0 phường.")
    assert Page.objects.count() == pages
    for site in (ward_site, other_site):
        assert UnitPage.objects.descendant_of(site.root_page).filter(parent_unit__isnull=False).exists()
        assert LeaderPage.objects.descendant_of(site.root_page).filter(term_end__isnull=False).exists()
    assert sorted(FormerWard.objects.values_list("name", flat=True)) == ["Phường Bạch Đằng", "Phường Trần Hưng Đạo"]
    html = client.get("/gioi-thieu/").content.decode()
    assert 'role="img"' in html and SKETCH_NOTE.split(".")[0] in html and "Phường Trần Hưng Đạo" in html
    assert "9,50 km²" in html and "60.000 người" in html  # Vietnamese number format
    assert "60,000 (2025)" in client.get("/en/gioi-thieu/").content.decode()
    for path in ("lich-su-van-hoa/", "di-tich-danh-thang/", "co-cau-to-chuc/", "lanh-dao/", "lien-he/"):
        assert client.get(f"/gioi-thieu/{path}", HTTP_HOST="baichay.localhost").status_code == 200
