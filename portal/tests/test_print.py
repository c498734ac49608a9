"""The print CSS (the end of portal.css) on a live page of every public page type, in Chromium's print media:
the content alone, in print type; outside links followed by their address; A4 portrait (the schedule keeps its
own landscape sheet, schedule/tests/test_browser.py). The archive's PDFs read the same rules
(archive/tests/test_archive.py)."""

import re

import pytest

from documents.tests.conftest import make_document  # noqa: F401 - the fixture, as documents' tests make them

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OUTSIDE = "https://chinhphu.vn/portal/page/portal/chinhphu/hethongvanban"
NOT_ON_PAPER = [".site-nav", ".site-search", ".sidebar", ".skip-link", ".breadcrumb", "form", "button", ".archive-link"]
SHOWN = (
    """selectors => selectors.filter(s => [...document.querySelectorAll(s)].some(el => el.getClientRects().length))"""
)


def test_every_public_page_type_prints_its_content_alone(live_server, page, axe, ward_site, make_article, request):
    from wagtail.models import Page

    article = make_article(
        ward_site, "Lấy ý kiến nhân dân về dự thảo", body=f'<p>Toàn văn dự thảo <a href="{OUTSIDE}">tại đây</a>.</p>'
    )
    request.getfixturevalue("make_document")(ward_site, "15/QĐ-UBND")
    one_of_each = {}
    for live in Page.objects.live().descendant_of(ward_site.root_page, inclusive=True).specific().order_by("path"):
        one_of_each.setdefault(type(live), live)
    assert len(one_of_each) >= 9  # home, the sections the site starts with, an article and a document
    paths = [live.url for live in one_of_each.values()]
    paths += [f"/luu-tru/{article.pk}/", "/tim-kiem/?q=du+thao", "/ty-gia/"]
    print(f"{len(paths)} pages printed: {', '.join(sorted(model.__name__ for model in one_of_each))}")

    page.emulate_media(media="print")
    for path in paths:
        assert page.goto(live_server.url + path).status == 200, path
        assert page.evaluate(SHOWN, NOT_ON_PAPER) == [], path
        assert page.locator("#main").inner_text().strip(), path
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "16px", path  # 12 pt
        assert "serif" in page.evaluate("getComputedStyle(document.body).fontFamily"), path

    page.goto(live_server.url + article.url)
    after = "selector => getComputedStyle(document.querySelector(selector), '::after').content"
    assert OUTSIDE in page.evaluate(after, ".article-body a")
    assert page.evaluate(after, ".brand-link") == "none"  # the site's own links stay as they are
    pdf = page.pdf(prefer_css_page_size=True)
    width, height = (float(v) for v in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points

    # The "Lưu trữ" page on screen: accessible like every other page.
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/luu-tru/{article.pk}/")
    assert page.locator("h1").inner_text() == "Lưu trữ: Lấy ý kiến nhân dân về dự thảo"
    assert [v["id"] for v in axe(page) if v.get("impact") in {"serious", "critical"}] == []
