"""import_procedures: a JSON list of procedures; good records land, bad ones are named, re-import updates."""

import json

import pytest
from django.core.management import CommandError, call_command

from portal.tests.helpers import run_command
from procedures.catalogue import CatalogueError, read_catalogue
from procedures.importing import ProcedureLoader
from procedures.models import ProcedurePage

pytestmark = pytest.mark.django_db

URL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1"


def _record(code, **kw):
    return {
        "code": code,
        "name": f"Thủ tục thử {code}",
        "field": "Hộ tịch",
        "summary": "Một thủ tục viết cho phép thử.",
        "processing_time": "03 ngày làm việc",
        "fees": "Miễn lệ phí",
        "papers": ["Tờ khai theo mẫu", "Giấy tờ tuỳ thân"],
        "steps": ["Nộp hồ sơ", "Nhận kết quả"],
        "url": URL,
        **kw,
    }


def _write(folder, items):
    """A JSON list, one element a line, so line numbers are easy to tell; a str element is written as is."""
    parts = [item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in items]
    path = folder / "thu-tuc.json"
    path.write_text("[\n" + ",\n".join(parts) + "\n]\n", encoding="utf-8")
    return path


def _run(path, capsys, site="localhost"):
    return run_command(capsys, "import_procedures", str(path), "--site", site)


def test_good_records_land_bad_ones_are_named_with_index_line_and_reason(ward_site, tmp_path, capsys):
    path = _write(
        tmp_path,
        [
            _record("1.000001"),  # 1, line 2
            {**_record("x"), "code": ""},  # 2
            {**_record("1.000003"), "name": None},  # 3
            _record("1.000004", url="http://dichvucong.gov.vn/x"),  # 4
            _record("1.000005", url="https://dich-vu-cong.example.com/nop"),  # 5
            _record("1.000006", papers="Tờ khai"),  # 6
            _record("1.000007", name="Tên có ký tự\u0007 chuông"),  # 7
            _record("1.000008", papers=[[[["lồng"]]]]),  # 8
            '{"code": "1.000009", "name": }',  # 9
            "42",  # 10
            _record("1.000001", name="Trùng mã trong tệp"),  # 11
            _record("1.000012", fees=15000),  # 12
            _record("mã có dấu"),  # 13
            _record("1.000014", url="javascript:alert(1)"),  # 14
            _record("1.000015", level="mức 9"),  # 15
            _record("1.000016", extra="?"),  # 16
            _record("1.000017", field="Chứng thực"),  # 17
            _record("1.000018", name="!!!"),  # 18
        ],
    )
    code, out, err = _run(path, capsys)
    assert code == 1
    assert "Đã nhập: 2 thủ tục mới, 0 cập nhật, 0 không đổi, 16 bản ghi lỗi." in out
    expected = {
        2: "thiếu “code”",
        3: "thiếu “name”",
        4: "https://",
        5: ".gov.vn",
        6: "“papers” phải là danh sách chuỗi",
        7: "“name” chứa ký tự điều khiển",
        8: "JSON lồng quá sâu",
        9: "không phải JSON hợp lệ",
        10: "phải là một đối tượng JSON",
        11: "mã “1.000001” đã có ở bản ghi 1",
        12: "“fees” phải là chuỗi",
        13: "Mã thủ tục chỉ gồm",
        14: "https://",
        15: "“level”",
        16: "khoá không dùng được: extra",
        18: "“name” phải có chữ hoặc số",
    }
    for index, reason in expected.items():
        line = next(line for line in err.splitlines() if line.startswith(f"Bản ghi {index} (dòng {index + 1}):"))
        assert reason in line, line
    assert sorted(ProcedurePage.objects.values_list("code", flat=True)) == ["1.000001", "1.000017"]
    page = ProcedurePage.objects.get(code="1.000001")
    assert page.live and page.title == "Thủ tục thử 1.000001"
    assert page.paper_list == ["Tờ khai theo mẫu", "Giấy tờ tuỳ thân"]
    assert page.url_path.endswith("/thu-tuc-hanh-chinh/thu-tuc-thu-1-000001/")


def test_reimport_updates_by_code_and_never_duplicates(ward_site, tmp_path, capsys):
    path = _write(tmp_path, [_record("1.000001"), _record("1.000002")])
    assert _run(path, capsys)[0] == 0
    first = ProcedurePage.objects.get(code="1.000002")
    path = _write(tmp_path, [_record("1.000001"), _record("1.000002", fees="50.000 đồng", name="Tên mới")])
    code, out, _ = _run(path, capsys)
    assert code == 0
    assert "0 thủ tục mới, 1 cập nhật, 1 không đổi, 0 bản ghi lỗi" in out
    assert ProcedurePage.objects.count() == 2
    again = ProcedurePage.objects.get(code="1.000002")
    assert (again.pk, again.title, again.fees, again.url_path) == (first.pk, "Tên mới", "50.000 đồng", first.url_path)
    assert again.live and not again.has_unpublished_changes


def test_codes_are_per_site(ward_site, other_site, tmp_path, capsys):
    path = _write(tmp_path, [_record("1.000001")])
    assert _run(path, capsys, "localhost")[0] == 0
    assert _run(path, capsys, "baichay.localhost")[0] == 0
    pages = ProcedurePage.objects.all()
    assert sorted(page.get_site().hostname for page in pages) == ["baichay.localhost", "localhost"]


def test_text_is_stored_nfc_and_trimmed(ward_site):
    decomposed = "Đăng ky\u0301 khai sinh"  # "ký" with a combining acute
    report = ProcedureLoader(ward_site).load([_record("1.000001", name=f"  {decomposed}  ")])
    assert report.created == 1
    assert ProcedurePage.objects.get().title == "Đăng ký khai sinh"


def test_the_loader_takes_any_iterable_of_dicts(ward_site):
    """A live feed can replace the file: the loader never sees it."""
    feed = (_record(f"2.00000{n}") for n in range(3))
    report = ProcedureLoader(ward_site).load(feed)
    assert (report.created, report.errors) == (3, [])
    report = ProcedureLoader(ward_site).load(iter([_record("2.000000"), {"name": "không mã"}]))
    assert (report.unchanged, report.errors) == (1, [(2, "thiếu “code”")])


def test_a_record_failing_on_save_leaves_nothing_behind(ward_site, monkeypatch):
    """A fault after the page entered the tree (here its revision refused) rolls back that record alone."""
    from django.core.exceptions import ValidationError

    from procedures.models import ProcedureIndexPage

    real = ProcedurePage.save_revision

    def refuse(page, *args, **kwargs):
        if page.code == "3.000002":
            raise ValidationError("ổ đĩa đầy")
        return real(page, *args, **kwargs)

    monkeypatch.setattr(ProcedurePage, "save_revision", refuse)
    report = ProcedureLoader(ward_site).load([_record("3.000001"), _record("3.000002"), _record("3.000003")])
    assert report.created == 2 and report.errors == [(2, "ổ đĩa đầy")]
    assert sorted(ProcedurePage.objects.values_list("code", flat=True)) == ["3.000001", "3.000003"]
    section = ProcedureIndexPage.objects.child_of(ward_site.root_page).get()
    assert section.numchild == section.get_children().count() == 2


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"code": "1"}', "danh sách JSON"),
        (b"\xff\xfe[", "UTF-8"),
        (b'[{"code": "1", "name": "a"}, {"code": "2"', "không có dấu “]” đóng"),
        (b"[{}] junk", "sau dấu “]”"),
        (b"", "danh sách JSON"),
    ],
)
def test_a_file_that_is_not_a_list_is_refused_whole(data, reason):
    with pytest.raises(CatalogueError, match=reason):
        read_catalogue(data)


def test_hostile_nesting_and_sizes_give_reasons_not_crashes():
    deep = b"[" + b"[" * 40_000 + b"]" * 40_000 + b', {"code": "1"}]'
    entries = read_catalogue(deep)
    assert "lồng quá sâu" in entries[0].error
    assert entries[1].record == {"code": "1"}
    entries = read_catalogue(b'[{"code": "' + b"9" * 200_000 + b'"}, {"n": 1' + b"0" * 5000 + b"},]")
    assert "dài quá" in entries[0].error
    assert "không phải JSON hợp lệ" in entries[1].error
    assert "bản ghi trống" in entries[2].error
    # Brackets and commas inside strings do not split records.
    entries = read_catalogue(b'[{"name": "a, [b] {c}\\" ,"}, {"name": "d"}]')
    assert [entry.record for entry in entries] == [{"name": 'a, [b] {c}" ,'}, {"name": "d"}]


def test_a_byte_order_mark_and_an_empty_list_are_fine(ward_site, tmp_path, capsys):
    path = tmp_path / "rong.json"
    path.write_bytes(b"\xef\xbb\xbf[ ]")
    code, out, _ = _run(path, capsys)
    assert code == 0 and "0 thủ tục mới" in out


def test_missing_file_and_unknown_site_are_vietnamese_errors(ward_site, tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("import_procedures", str(tmp_path / "khong-co.json"))
    with pytest.raises(CommandError, match="Không có trang phường"):
        call_command("import_procedures", str(_write(tmp_path, [])), "--site", "khong-co.example")


def test_hostile_strings_in_every_field_are_refused_or_stored_inert(ward_site, client):
    from core.tests.hostile_corpus import HOSTILE_STRINGS, assert_inert_html

    values = [*HOSTILE_STRINGS, "!!!", "\u202e", " ", "đ" * 300]
    records = []
    for n, value in enumerate(values):
        records.append(_record(f"9.{n:06d}", name=value, summary=value, papers=[value], fees=value[:300]))
        records.append(_record(f"8.{n:06d}", field=value, processing_time=value[:200]))
    report = ProcedureLoader(ward_site).load(records)
    assert report.created + len(report.errors) == len(records)
    assert all(isinstance(reason, str) and reason for _, reason in report.errors)
    assert report.created > len(values)  # most are plain text to keep, escaped on output
    for page in ProcedurePage.objects.all():
        assert page.slug and page.field_slug
        response = client.get(page.url)
        assert response.status_code == 200
        assert_inert_html(response.content.decode())
    assert_inert_html(client.get("/thu-tuc-hanh-chinh/").content.decode())
