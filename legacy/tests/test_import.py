import csv
import datetime

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry

from images.models import PortalImage
from legacy.dates import VIETNAM
from legacy.models import LegacyURL
from legacy.oldurls import split_url
from legacy.tests import fake_sites
from legacy.tests.fake_sites import ASPNET, LIFERAY, PAGES, PROFILE, WORDPRESS, write_warc
from news.models import ArticlePage, CategoryPage

pytestmark = pytest.mark.django_db


def old_get(client, url):
    host, _path = split_url(url)
    rest = url.split(host, 1)[1]
    path, _sep, query = rest.partition("?")
    return client.get(path, data=None, QUERY_STRING=query, HTTP_HOST=host)


def run(capsys, *args):
    try:
        call_command("import_legacy", *args)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def body_of(page):
    return [(block.block_type, block.value) for block in page.body]


def test_three_old_sites_import_once_and_every_old_address_redirects(tmp_path, ward_site, other_site, client, capsys):
    archives = [
        write_warc(tmp_path / "thd.warc.gz", [p for p in PAGES if p.host == LIFERAY]),
        write_warc(tmp_path / "bd.warc", [p for p in PAGES if p.host == ASPNET], gzip=False),
        write_warc(tmp_path / "hg.warc.gz", [p for p in PAGES if p.host == WORDPRESS]),
    ]
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    report = tmp_path / "report.csv"
    args = [*archives, "--site", ward_site.hostname, "--profile", str(profile), "--report", str(report)]
    stories = {p.story for p in PAGES if p.story}

    # A dry run says what it would do and writes nothing.
    code, out, _err = run(capsys, *args, "--dry-run")
    assert code == 0
    assert f"sẽ tạo {len(stories)} bài mới" in out
    assert not ArticlePage.objects.exists() and not LegacyURL.objects.exists()

    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert f"{len(stories)} bài mới" in out
    articles = {a.title: a for a in ArticlePage.objects.live()}
    assert len(articles) == len(stories)

    # The ambiguous date is day-first, in Vietnam's time.
    recycling = articles["Khai trương điểm thu gom rác tái chế thứ hai"]
    assert recycling.published_at == datetime.datetime(2025, 4, 5, 8, 30, tzinfo=VIETNAM)
    assert recycling.lead.startswith("Phường khai trương điểm thu gom")
    # Picture with its caption, the table, and the link to another old article now pointing to its new address.
    kinds = [kind for kind, _value in body_of(recycling)]
    assert kinds == ["paragraph", "image", "table", "paragraph"]
    image_value = body_of(recycling)[1][1]
    assert image_value["caption"] == "Người dân mang rác đã phân loại đến điểm thu gom"
    assert body_of(recycling)[2][1]["data"][1] == ["Giấy", "120 kg"]
    festival = articles["Khu phố 3 tổ chức ngày hội đại đoàn kết"]
    assert f'href="{festival.relative_url(ward_site)}"' in str(body_of(recycling)[0][1].source)
    assert festival.source == "Ban biên tập phường Trần Hưng Đạo"

    # The same photo on two old sites is one image.
    elderly = articles["Hướng dẫn người cao tuổi dùng định danh điện tử"]
    assert [v["image"].pk for k, v in body_of(elderly) if k == "image"] == [image_value["image"].pk]
    assert PortalImage.objects.count() == 1

    # The defaced article: hidden blocks and their gambling links gone and reported, the unknown domain's link
    # unwrapped (text kept), the province's link kept.
    elderly_html = "".join(str(v.source) for k, v in body_of(elderly) if k == "paragraph")
    assert "nhacai" not in elderly_html and "soi kèo" not in elderly_html and "khong-ro.example.org" not in elderly_html
    assert "trang lịch học" in elderly_html and "https://dichvucong.quangninh.gov.vn/" in elderly_html
    b1_url = next(p.url for p in PAGES if p.story == "b1")
    for domain in ("nhacai-uytin.example.com", "keo-bong.example.net", "khong-ro.example.org"):
        assert any(line.startswith(b1_url) and domain in line for line in err.splitlines()), domain

    # The story both Bạch Đằng and the old Hồng Gai carried is one article, in the mapped category.
    blood = articles["Ngày hội hiến máu tình nguyện năm 2024"]
    assert blood.get_parent().title == "Văn hoá – Xã hội"
    # A link to a story imported later in the run (written with its address guessed beforehand).
    beach = articles["Thanh niên ra quân làm sạch bãi biển"]
    assert f'href="{blood.relative_url(ward_site)}"' in "".join(
        str(v.source) for k, v in body_of(beach) if k == "paragraph"
    )
    # "Tin tức - Sự kiện" and "Tin tức – Sự kiện" are the ward's one standard category.
    assert festival.get_parent().pk == elderly.get_parent().pk
    assert CategoryPage.objects.child_of(ward_site.root_page).filter(slug__startswith="tin-tuc-su-kien").count() == 1

    # Every old address answers when asked with its old hostname.
    story_urls = {}
    for page in PAGES:
        if page.story:
            story_urls.setdefault(page.story, set()).add(page.url)
    new_url = {a.original_url: a.full_url for a in articles.values()}
    for page in PAGES:
        response = old_get(client, page.url)
        if page.kind in ("article", "alias"):
            targets = {new_url[u] for u in story_urls[page.story] if u in new_url}
            assert response.status_code == 301 and targets == {response["Location"]}, page.url
        elif page.kind == "gone":
            assert response.status_code == 410, page.url
        elif page.kind == "listing":
            assert response.status_code == 301, page.url
            assert CategoryPage.objects.filter(
                url_path__endswith=response["Location"].split("localhost", 1)[1]
            ).exists()
        elif page.kind in ("other", "image"):
            assert (response.status_code, response["Location"]) == (301, "http://localhost/"), page.url
    wordpress_c1 = next(p for p in PAGES if p.story == "c1")
    assert old_get(client, f"http://{WORDPRESS}/?p=77")["Location"] == new_url[wordpress_c1.url]
    # Portlet noise the archive never held, and addresses it never held at all.
    noisy = old_get(client, f"http://{LIFERAY}/web/thd/chi-tiet-tin/?p_p_state=maximized&articleId=1001&p_p_col_id=2")
    assert noisy["Location"] == festival.full_url
    assert old_get(client, f"http://{ASPNET}/khong-co.aspx")["Location"] == "http://localhost/"
    for hostile in (
        "/%00",
        "/\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
        "/a?x=%E2%80%A8" + "9" * 5000,
    ):
        assert client.get(hostile, HTTP_HOST=LIFERAY).status_code in (301, 404, 410)
    # The new site itself is untouched.
    assert client.get(festival.url).status_code == 200

    # The report: one row per old address, with its outcome.
    with open(report, encoding="utf-8-sig") as handle:
        rows = {row["old_url"]: row for row in csv.DictReader(handle)}
    expected = {"article": "article", "alias": "article", "listing": "redirect", "other": "redirect", "gone": "gone"}
    for page in PAGES:
        if page.kind in expected:
            assert rows[page.url]["outcome"] == expected[page.kind], page.url
    assert rows[b1_url]["new_url"] == elderly.full_url
    assert "nhacai-uytin.example.com" in rows[b1_url]["warnings"]

    # The same archives again change nothing.
    revisions = PageLogEntry.objects.count()
    code, out, _err = run(capsys, *args)
    assert code == 0
    assert f"0 bài mới, 0 bài cập nhật, {len(stories)} bài không đổi" in out
    assert PageLogEntry.objects.count() == revisions
    assert PortalImage.objects.count() == 1

    # An old portal whose hostname the new site kept: its old addresses become Wagtail redirects of the site,
    # answering only where the new site has no page.
    kept = fake_sites.FakePage(
        "localhost",
        "/tin-tuc/chi-tiet.aspx?id=9",
        "article",
        fake_sites.aspnet(
            "Phường giữ tên miền cũ", "Ngày 02/02/2024 10:00", "Tin tức - Sự kiện", fake_sites.SHARED * 2
        ).encode(),
    )
    code, out, _err = run(capsys, write_warc(tmp_path / "own.warc", [kept]), "--site", ward_site.hostname)
    assert code == 0 and "1 bài mới" in out
    kept_article = ArticlePage.objects.get(title="Phường giữ tên miền cũ")
    assert client.get("/tin-tuc/chi-tiet.aspx?id=9")["Location"] == kept_article.url
    assert client.get(festival.url).status_code == 200

    # Another ward's own hostname in an archive is refused, and that ward keeps answering.
    theirs = fake_sites.FakePage(other_site.hostname, "/lien-he/", "other", b"<html><body><p>x</p></body></html>")
    code, _out, err = run(capsys, write_warc(tmp_path / "theirs.warc", [theirs]), "--site", ward_site.hostname)
    assert code == 1 and other_site.hostname in err
    assert client.get("/", HTTP_HOST=other_site.hostname).status_code == 200

    # A broken archive is named and the exit status is 1; the others are still read.
    broken = tmp_path / "hong.warc.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00 khong phai warc")
    code, out, err = run(capsys, str(broken), archives[0], "--site", ward_site.hostname)
    assert code == 1 and str(broken) in err
    assert "0 bài mới" in out


def test_unknown_site_says_why(tmp_path, db):
    with pytest.raises(CommandError, match="Không có trang phường"):
        call_command("import_legacy", str(tmp_path / "x.warc"), "--site", "khong-co.example")


def test_fake_sites_declare_what_is_expected():
    # The expectations above are counted from these declarations; a typo here would make them vacuous.
    kinds = {p.kind for p in fake_sites.PAGES}
    assert {"article", "alias", "listing", "other", "gone", "image", "redirect"} <= kinds
    assert len({p.story for p in fake_sites.PAGES if p.story}) == 5


def test_an_interrupted_run_keeps_whole_batches_and_the_next_run_completes(tmp_path, ward_site, client, monkeypatch):
    from wagtail.models import Page

    from legacy import importing

    archive = write_warc(tmp_path / "all.warc.gz", PAGES)
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    args = [archive, "--site", ward_site.hostname, "--profile", str(profile)]
    stories = {p.story for p in PAGES if p.story}
    monkeypatch.setattr(importing, "BATCH", 2)
    real = PageLogEntry.objects.bulk_create
    calls = []

    def killed_in_second_batch(objs, *a, **kw):
        calls.append(len(objs))
        if len(calls) == 2:  # the second batch's pages and revisions are written, its history not yet
            raise KeyboardInterrupt
        return real(objs, *a, **kw)

    monkeypatch.setattr(PageLogEntry.objects, "bulk_create", killed_in_second_batch)
    with pytest.raises(KeyboardInterrupt):
        call_command("import_legacy", *args)
    monkeypatch.undo()

    # The first batch whole (pages, revisions, history, old addresses), nothing of the second.
    kept = list(ArticlePage.objects.all())
    assert len(kept) == 2
    for article in kept:
        assert article.live and article.live_revision_id and article.latest_revision_id == article.live_revision_id
        assert PageLogEntry.objects.filter(page=article, action="wagtail.publish").exists()
        assert LegacyURL.objects.filter(page=article).exists()
    assert all(not problems for problems in Page.find_problems())

    call_command("import_legacy", *args)
    assert ArticlePage.objects.live().count() == len(stories)
    assert all(not problems for problems in Page.find_problems())
    for page in PAGES:
        if page.kind in ("article", "alias"):
            assert old_get(client, page.url).status_code == 301, page.url
