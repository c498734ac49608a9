"""Our attack set: each case is one way the pages, the database, the files or the front were tampered with, and
must be caught by its check. A table of cases per check, each case cheap (no ward site built)."""

import datetime
import json

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page, Revision, Site
from wagtail.rich_text import RichText

from integrity.checks import check_changed, rendered_issues
from integrity.cloaking import check_cloaking
from integrity.files import check_files, write_manifest
from integrity.models import DEFAULT_ALLOWED_DOMAINS, Check, parse_domains
from integrity.scan import Allowlist, Scanner
from integrity.tests.attack_server import PAGE, from_google, front, is_googlebot

RENDERED = "<!doctype html><html lang='vi'><head>{head}<title>Tin phường</title></head><body><main>" \
    "<h1>Ra quân làm sạch môi trường</h1><p>Sáng 6/12, phường ra quân dọn vệ sinh.</p>" \
    "<a href='/tin-tuc-su-kien/'>Tin tức</a> <a href='https://quangninh.gov.vn/'>Cổng tỉnh</a>" \
    "{body}</main></body></html>"  # fmt: skip

# (case, what is injected into <body> or, prefixed "head:", into <head>; the check that must report it; a piece
# of the evidence)
RENDERED_ATTACKS = [
    ("plain gambling link", "<a href='https://nhacai-uytin.top/'>xem thêm</a>", Check.LINKS, "nhacai-uytin.top"),
    ("protocol-relative link", "<a href='//tai-xiu.club/'>.</a>", Check.LINKS, "tai-xiu.club"),
    ("look-alike of an allowed domain", "<a href='https://chinhphu.vn.kq88.top/'>Chính phủ</a>", Check.LINKS,
     "chinhphu.vn.kq88.top"),
    ("allowed name as a prefix", "<a href='https://evilgov.vn.example.com/'>x</a>", Check.LINKS, "example.com"),
    ("capitals in the address", "<a href='HTTPS://W88.VIP/dang-ky'>x</a>", Check.LINKS, "w88.vip"),
    ("link shortener", "<a href='https://bit.ly/3abcXyz'>tài liệu</a>", Check.LINKS, "bit.ly"),
    ("outside script", "<script src='https://cdn.evil-stats.xyz/a.js'></script>", Check.LINKS, "evil-stats.xyz"),
    ("outside iframe", "<iframe src='https://sunwin.win/embed'></iframe>", Check.LINKS, "sunwin.win"),
    ("display:none block", "<div style='display:none'><a href='https://fb88.example/'>fb88</a></div>", Check.HIDDEN,
     "display:none"),
    ("off-screen text", "<p style='position:absolute;left:-9999px'><a href='https://go88.vip/'>go88</a></p>",
     Check.HIDDEN, "go88.vip"),
    ("zero font size", "<span style='font-size:0'><a href='https://kubet.vip/'>k</a></span>", Check.HIDDEN,
     "font-size"),
    ("hidden attribute", "<div hidden><a href='https://789bet.example/'>789</a></div>", Check.HIDDEN, "789bet"),
    ("class hidden by the page's style", "<style>.ft{visibility:hidden}</style><div class='ft'>"
     "<a href='https://hi88.example/'>hi</a></div>", Check.HIDDEN, "hi88.example"),
    ("noscript link", "<noscript><a href='https://new88.example/'>n</a></noscript>", Check.HIDDEN, "new88"),
    ("gambling words with marks", "<p>Nhà cái uy tín, nạp tiền nhận thưởng ngay</p>", Check.GAMBLING, "nhà cái"),
    ("gambling words without marks", "<p>soi keo nha cai hom nay</p>", Check.GAMBLING, "soi keo"),
    ("gambling words without marks among marked text", "<p>Tin vui: nha cai uy tín tặng quà</p>", Check.GAMBLING,
     "nha cai"),
    ("gambling words in English", "<p>Best online casino, free spins daily</p>", Check.GAMBLING, "casino"),
    ("meta description for search engines", "head:<meta name='description' content='Kèo nhà cái hôm nay'>",
     Check.GAMBLING, "kèo nhà cái"),
]  # fmt: skip


@pytest.fixture
def scanner(db):
    return Scanner(Allowlist(tuple(parse_domains(DEFAULT_ALLOWED_DOMAINS)), frozenset({"localhost"})))


@pytest.mark.parametrize(("fragment", "check", "evidence"), [case[1:] for case in RENDERED_ATTACKS],
                         ids=[case[0] for case in RENDERED_ATTACKS])  # fmt: skip
def test_rendered_page_attacks_are_caught(scanner, fragment, check, evidence):
    head, body = (fragment[5:], "") if fragment.startswith("head:") else ("", fragment)
    site, page = Site(pk=1, hostname="localhost", root_page=Page(url_path="/home/")), Page(pk=7, url_path="/home/x/")
    issues = rendered_issues(site, scanner, page, RENDERED.format(head=head, body=body))
    caught = [issue for issue in issues if issue.check == check and evidence in issue.evidence]
    assert caught, issues
    assert caught[0].location == "/x/" and caught[0].page_id == 7


@pytest.fixture
def plain_site(db):
    """A site whose root is a category holding one published article: enough for the database checks."""
    from news.models import ArticlePage, CategoryPage

    category = Page.get_first_root_node().add_child(instance=CategoryPage(title="Tin tức", slug="tin-tuc-thu"))
    category.save_revision().publish()
    site = Site.objects.create(hostname="attack.localhost", port=80, root_page=category)
    article = ArticlePage(
        title="Ra quân làm sạch môi trường",
        lead="Sáng 6/12, phường ra quân dọn vệ sinh.",
        published_at=timezone.now() - datetime.timedelta(hours=2),
        body=[("paragraph", RichText("<p>Hơn 300 người tham gia.</p>"))],
    )
    category.add_child(instance=article)
    article.save_revision().publish()
    return site, article


def _sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _title(site, article):
    _sql("UPDATE wagtailcore_page SET title = %s WHERE id = %s", "Nhà cái uy tín", article.pk)


def _title_vi(site, article):
    # What readers see: the Vietnamese column of the per-language title (page_translation).
    _sql("UPDATE wagtailcore_page SET title_vi = %s WHERE id = %s", "Nhà cái uy tín", article.pk)


def _body(site, article):
    body = [{"type": "paragraph", "value": "<p>Xem <a href='https://fb88.example/'>tại đây</a></p>", "id": "x"}]
    _sql("UPDATE news_articlepage SET body = %s WHERE page_ptr_id = %s", json.dumps(body), article.pk)


def _lead(site, article):
    _sql("UPDATE news_articlepage SET lead = %s WHERE page_ptr_id = %s", "soi kèo miễn phí", article.pk)


def _tag(site, article):
    from taggit.models import Tag

    tag = Tag.objects.create(name="nha cai", slug="nha-cai")
    _sql("INSERT INTO news_articletag (tag_id, content_object_id) VALUES (%s, %s)", tag.pk, article.pk)


def _page_without_revision(site, article):
    from news.models import ArticlePage

    planted = ArticlePage(title="Trang cài cắm", lead="x", body=[], live=True)
    site.root_page.add_child(instance=planted)  # saved straight to the database: no revision, nothing approved
    Page.objects.filter(pk=planted.pk).update(live_revision=None, latest_revision=None)


def _forged_revision(site, article):
    # A revision row written in the database with the spam, and the page's live content and live revision set
    # to it: the content matches "its" revision, but no publish of that revision was ever logged.
    content = dict(article.get_latest_revision().content, title="Nhà cái uy tín")
    forged = Revision.objects.create(
        content_object=article, base_content_type=article.get_base_content_type(), content=content,
        object_str="Nhà cái uy tín", created_at=timezone.now(),
    )  # fmt: skip
    _sql("UPDATE wagtailcore_page SET title = %s, live_revision_id = %s WHERE id = %s", "Nhà cái uy tín",
         forged.pk, article.pk)  # fmt: skip


CHANGED_ATTACKS = [
    ("title edited in the database", _title, "title"),
    ("Vietnamese title edited in the database", _title_vi, "title_vi"),
    ("body edited in the database", _body, "body"),
    ("lead edited in the database", _lead, "lead"),
    ("tag row inserted", _tag, "tagged_items"),
    ("page inserted without a revision", _page_without_revision, "không có phiên bản"),
    ("forged revision made live", _forged_revision, "không phải phiên bản xuất bản lần cuối"),
]


@pytest.mark.parametrize(("tamper", "evidence"), [case[1:] for case in CHANGED_ATTACKS],
                         ids=[case[0] for case in CHANGED_ATTACKS])  # fmt: skip
def test_content_changed_outside_the_cms_is_caught(plain_site, tamper, evidence):
    site, article = plain_site
    assert check_changed(site) == []
    tamper(site, article)
    issues = check_changed(site)
    assert len(issues) == 1 and issues[0].check == Check.CHANGED, issues
    assert evidence in issues[0].evidence


@pytest.fixture
def deployment(db, tmp_path, settings):
    code = tmp_path / "app"
    (code / "news" / "templates").mkdir(parents=True)
    (code / "static").mkdir()
    (code / "news" / "views.py").write_text("def view(request):\n    return None\n")
    (code / "news" / "templates" / "article.html").write_text("<article>{{ page.title }}</article>\n")
    (code / "static" / "site.js").write_text("document.documentElement.classList.add('js');\n")
    (code / "static" / "site.css").write_text("body { margin: 0 }\n")
    settings.PORTAL_INTEGRITY_ROOTS = [str(code)]
    settings.PORTAL_INTEGRITY_MANIFEST = tmp_path / "manifest.json"
    write_manifest()
    assert check_files() == []
    return code


def _backdoor(code):
    with open(code / "news" / "views.py", "a") as handle:
        handle.write("import os\nos.system(request.GET['c'])\n")


def _webshell(code):
    (code / "news" / "shell.py").write_text("exec(__import__('base64').b64decode('cHJpbnQoMSk='))\n")


def _template_link(code):
    (code / "news" / "templates" / "article.html").write_text("<a href='https://fb88.example/'>.</a>\n")


def _deleted_script(code):
    (code / "static" / "site.js").unlink()


def _css_overlay(code):
    (code / "static" / "site.css").write_text("body { background: url(https://w88.example/x.png) }\n")


def _manifest_rewritten(code):
    # The attacker changes a file and writes a manifest matching it, without the audit log's help.
    from integrity.files import hashes

    _backdoor(code)
    path = code.parent / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["files"] = hashes([str(code)])
    path.write_text(json.dumps(manifest))


def _manifest_deleted(code):
    (code.parent / "manifest.json").unlink()


FILE_ATTACKS = [
    ("backdoor appended to code", _backdoor, "views.py", "đã bị sửa"),
    ("web shell added", _webshell, "shell.py", "không có khi triển khai"),
    ("link injected into a template", _template_link, "article.html", "đã bị sửa"),
    ("static file deleted", _deleted_script, "site.js", "đã bị xoá"),
    ("stylesheet changed", _css_overlay, "site.css", "đã bị sửa"),
    ("manifest rewritten to match", _manifest_rewritten, "manifest.json", "khác bản đã ghi vào nhật ký"),
    ("manifest deleted", _manifest_deleted, "manifest.json", "không đọc được"),
]


@pytest.mark.parametrize(("tamper", "location", "evidence"), [case[1:] for case in FILE_ATTACKS],
                         ids=[case[0] for case in FILE_ATTACKS])  # fmt: skip
def test_file_tampering_is_caught(deployment, tamper, location, evidence):
    tamper(deployment)
    issues = check_files()
    assert any(issue.location.endswith(location) and evidence in issue.evidence for issue in issues), issues
    assert all(issue.check == Check.FILES for issue in issues)


def _links_for_googlebot(headers):
    extra = "<div><a href='https://nhacai.example/'>nhà cái</a></div>" if is_googlebot(headers) else ""
    return 200, {}, PAGE.format(extra=extra)


def _redirect_from_google(headers):
    if from_google(headers):
        return 302, {"Location": "https://kubet.example/"}, ""
    return 200, {}, PAGE.format(extra="")


def _words_for_googlebot(headers):
    return 200, {}, PAGE.format(extra="<p>Soi kèo nhà cái uy tín</p>" if is_googlebot(headers) else "")


def _script_from_google(headers):
    extra = "<script src='https://tracker.evil.example/r.js'></script>" if from_google(headers) else ""
    return 200, {}, PAGE.format(extra=extra)


CLOAKING_ATTACKS = [
    ("links only Googlebot sees", _links_for_googlebot, "Googlebot", "nhacai.example"),
    ("visitors from Google redirected", _redirect_from_google, "google.com.vn", "kubet.example"),
    ("spam text only Googlebot sees", _words_for_googlebot, "Googlebot", "kèo"),
    ("script only for visitors from Google", _script_from_google, "google.com.vn", "tracker.evil.example"),
]


@pytest.mark.parametrize(("answer", "visitor", "evidence"), [case[1:] for case in CLOAKING_ATTACKS],
                         ids=[case[0] for case in CLOAKING_ATTACKS])  # fmt: skip
def test_cloaking_is_caught(db, settings, answer, visitor, evidence):
    site = Site(pk=1, hostname="localhost", port=80, root_page=Page(url_path="/home/"))
    with front(answer) as url:
        settings.PORTAL_INTEGRITY_FETCH_URL = url
        issues = check_cloaking(site, pages=[Page(pk=3, url_path="/home/")])
    assert len(issues) == 1 and issues[0].check == Check.CLOAKING, issues
    assert visitor in issues[0].evidence and evidence in issues[0].evidence


def test_the_same_page_for_everyone_is_not_cloaking(db, settings):
    site = Site(pk=1, hostname="localhost", port=80, root_page=Page(url_path="/home/"))
    with front(lambda headers: (200, {}, PAGE.format(extra=""))) as url:
        settings.PORTAL_INTEGRITY_FETCH_URL = url
        assert check_cloaking(site, pages=[Page(pk=3, url_path="/home/")]) == []
