import json

import pytest
from django.core.management import CommandError, call_command

from news.models import ArticlePage, CategoryPage

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Phường ra mắt bộ phận một cửa hiện đại",
    "published": "2026-10-01T08:15:00+07:00",
    "lead": "Người dân được hướng dẫn nộp hồ sơ trực tuyến ngay tại chỗ.",
    "body": "Đoạn thứ nhất của bài.\n\nĐoạn thứ hai,\ncó xuống dòng.",
    "source": "Ban biên tập",
    "source_url": "https://example.org/nguon",
    "category": "chinh-quyen",
    "tags": ["một cửa", "chuyển đổi số"],
    "original_url": "https://cu.example.gov.vn/tin/1",
}


def write_lines(tmp_path, *lines, name="bai.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines), encoding="utf-8")
    return str(path)


def test_good_file_creates_published_articles(tmp_path, ward_site, client, capsys):
    call_command("import_articles", write_lines(tmp_path, GOOD))
    page = ArticlePage.objects.get(original_url=GOOD["original_url"])
    assert page.live
    assert page.get_parent().slug == "chinh-quyen"
    assert page.slug == "phuong-ra-mat-bo-phan-mot-cua-hien-dai"
    assert sorted(t.name for t in page.tags.all()) == ["chuyển đổi số", "một cửa"]
    html = client.get(page.url).content.decode()
    assert "Thứ Năm, 01/10/2026 08:15" in html
    assert "<p>Đoạn thứ nhất của bài.</p>" in html
    assert "Đoạn thứ hai,<br/>có xuống dòng." in html or "Đoạn thứ hai,<br>có xuống dòng." in html
    assert 'Nguồn: <a href="https://example.org/nguon"' in html
    assert "1 bài mới" in capsys.readouterr().out


def test_reimport_updates_instead_of_duplicating(tmp_path, ward_site):
    path = write_lines(tmp_path, GOOD)
    call_command("import_articles", path)
    call_command("import_articles", path)
    assert ArticlePage.objects.filter(original_url=GOOD["original_url"]).count() == 1
    changed = {**GOOD, "title": "Phường ra mắt bộ phận một cửa (cập nhật)"}
    call_command("import_articles", write_lines(tmp_path, changed, name="b.jsonl"))
    pages = ArticlePage.objects.filter(original_url=GOOD["original_url"])
    assert [p.title for p in pages] == [changed["title"]]


def test_reimport_without_original_url_keys_on_category_and_slug(tmp_path, ward_site):
    record = {k: v for k, v in GOOD.items() if k != "original_url"}
    path = write_lines(tmp_path, record)
    call_command("import_articles", path)
    call_command("import_articles", path)
    assert ArticlePage.objects.filter(title=GOOD["title"]).count() == 1


def test_bad_lines_are_reported_and_the_rest_imported(tmp_path, ward_site, capsys):
    second = {**GOOD, "original_url": "https://cu.example.gov.vn/tin/2", "title": "Bài hợp lệ thứ hai"}
    path = write_lines(
        tmp_path,
        GOOD,
        "{not json",
        {**GOOD, "title": "", "original_url": "https://cu.example.gov.vn/tin/3"},
        {**GOOD, "published": "hôm qua", "original_url": "https://cu.example.gov.vn/tin/4"},
        {**GOOD, "site": "khong-co.example", "original_url": "https://cu.example.gov.vn/tin/5"},
        {**GOOD, "source_url": "không phải url", "original_url": "https://cu.example.gov.vn/tin/6"},
        second,
    )
    with pytest.raises(CommandError):
        call_command("import_articles", path)
    errors = capsys.readouterr().err
    assert "Dòng 2: JSON không hợp lệ" in errors
    assert "Dòng 3: thiếu tiêu đề" in errors
    assert "Dòng 4: ngày đăng không đúng định dạng" in errors
    assert "Dòng 5: không có trang phường, xã nào với tên miền khong-co.example" in errors
    assert "Dòng 6: source_url" in errors
    assert set(ArticlePage.objects.values_list("title", flat=True)) == {GOOD["title"], second["title"]}


def test_hostile_html_is_sanitised(tmp_path, ward_site, client):
    record = {
        **GOOD,
        "body": '<p onmouseover="x()">An toàn<script>alert(1)</script></p>'
        '<a href="javascript:alert(2)">bấm</a><iframe src="https://evil.example/"></iframe>'
        '<img src="data:image/png;base64,AAAA" onerror="alert(3)">',
    }
    call_command("import_articles", write_lines(tmp_path, record))
    page = ArticlePage.objects.get(original_url=GOOD["original_url"])
    html = client.get(page.url).content.decode()
    body = html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    for bad in ("<script", "onmouseover", "javascript:", "evil.example", "onerror", "data:image"):
        assert bad not in body
    assert "An toàn" in body


def test_unknown_category_is_created_and_site_option_targets_a_ward(tmp_path, ward_site, other_site):
    record = {**GOOD, "category": "Quốc phòng, an ninh"}
    call_command("import_articles", write_lines(tmp_path, record), site="baichay.localhost")
    category = CategoryPage.objects.child_of(other_site.root_page).get(slug="quoc-phong-an-ninh")
    assert category.title == "Quốc phòng, an ninh"
    assert ArticlePage.objects.child_of(category).count() == 1
    assert not ArticlePage.objects.descendant_of(ward_site.root_page).exists()


def test_a_category_named_like_another_section_is_refused_by_its_line(tmp_path, ward_site, capsys):
    # "Thông báo" is the announcements section's address (/thong-bao/): the article is not put under it.
    records = [{**GOOD, "category": "Thông báo"}, {**GOOD, "original_url": "https://cu.example.gov.vn/tin/khac"}]
    with pytest.raises(CommandError):
        call_command("import_articles", write_lines(tmp_path, *records))
    assert "Dòng 1: " in capsys.readouterr().err
    assert ArticlePage.objects.filter(original_url=GOOD["original_url"]).count() == 0
    assert ArticlePage.objects.filter(original_url="https://cu.example.gov.vn/tin/khac").count() == 1


def test_naive_dates_are_vietnam_time(tmp_path, ward_site):
    call_command("import_articles", write_lines(tmp_path, {**GOOD, "published": "2026-10-01 08:15"}))
    page = ArticlePage.objects.get(original_url=GOOD["original_url"])
    assert page.published_at.isoformat() == "2026-10-01T01:15:00+00:00"


def test_missing_file_is_a_clear_error(ward_site):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("import_articles", "/khong/co/tep.jsonl")


def test_each_line_is_one_record_whatever_it_holds(tmp_path, ward_site, capsys):
    def record(n, title, **changes):
        data = {**GOOD, "title": title, "original_url": f"https://cu.example.gov.vn/tin/{n}", **changes}
        return json.dumps(data, ensure_ascii=False).encode()

    lines = [
        record(1, "Bài một"),
        # A JSON escape of half a UTF-16 pair, as broken exporters write.
        record(2, "Bài hai").replace(b"hai", b"hai \\ud800"),
        # Line and paragraph separators and a form feed are not line ends: the record stays whole.
        record(3, "Bài\u2028ba", body="Đoạn\u2029một.\x0cHết."),
        # Bytes that are not UTF-8: a Windows-1258 export, a UTF-8-encoded surrogate.
        record(4, "Bài bốn").replace("bốn".encode(), b"b\xf4n"),
        record(5, "Bài năm").replace("năm".encode(), b"\xed\xa0\x80"),
        record(6, "Bài sáu"),
    ]
    path = tmp_path / "bai.jsonl"
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    with pytest.raises(CommandError):
        call_command("import_articles", str(path))
    errors = capsys.readouterr().err.splitlines()
    assert [line.split(":", 1)[0] for line in errors] == ["Dòng 2", "Dòng 4", "Dòng 5"]
    assert "UTF-16" in errors[0] and "UTF-8" in errors[1] and "UTF-8" in errors[2]
    assert set(ArticlePage.objects.values_list("title", flat=True)) == {"Bài một", "Bài ba", "Bài sáu"}
    # Nothing half-written: the failed lines left no page behind.
    assert not ArticlePage.objects.filter(original_url__in=[f"https://cu.example.gov.vn/tin/{n}" for n in (2, 4, 5)])


def test_a_body_of_only_inline_markup_is_read_as_html():
    from news.importing import body_to_html

    html, hidden = body_to_html('Tin thật.<span style="display:none">Vay tiền nhanh</span>')
    assert html == "Tin thật."
    assert [block.text for block in hidden] == ["Vay tiền nhanh"]


def test_hidden_blocks_are_removed_with_their_links_and_reported(tmp_path, ward_site, client, capsys):
    spam = (
        '<p>Phường tổ chức ngày hội.</p><div style="display:none"><a href="http://casino.example/">Sòng bạc</a></div>'
        '<p style="position:absolute;left:-9999px">Vay tiền <a href="https://vay.example/x">nhanh</a></p>'
        '<p>Người dân <a href="https://dichvucong.gov.vn/">nộp hồ sơ trực tuyến</a>.</p>'
    )
    path = write_lines(tmp_path, GOOD, {**GOOD, "body": spam, "original_url": "https://cu.example.gov.vn/tin/2"})
    call_command("import_articles", path)
    page = ArticlePage.objects.get(original_url="https://cu.example.gov.vn/tin/2")
    html = client.get(page.url).content.decode()
    for hidden in ("casino.example", "Sòng bạc", "vay.example", "Vay tiền"):
        assert hidden not in html
    assert "dichvucong.gov.vn" in html and "ngày hội" in html
    report = capsys.readouterr().err.splitlines()
    assert report == [
        "Dòng 2: đã bỏ khối bị ẩn (display:none): “Sòng bạc”, có liên kết tới casino.example",
        "Dòng 2: đã bỏ khối bị ẩn (position:absolute; left:-9999px): “Vay tiền nhanh”, có liên kết tới vay.example",
    ]
