import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from core.importing import read_lines
from documents import status as statuses
from documents.importing import DocumentImporter
from documents.models import DocumentPage
from documents.tests.conftest import sample_pdf

pytestmark = pytest.mark.django_db


def _write(folder, records):
    path = folder / "van-ban.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


def _record(number, **kw):
    return {
        "number": number,
        "type": "Quyết định",
        "issuer": "UBND phường Hồng Gai",
        "signer": "Nguyễn Văn An",
        "issued": "2025-03-10",
        "field": "Hành chính",
        "summary": f"Về việc ban hành quy chế {number}",
        "files": [],
        **kw,
    }


def _run(path, capsys, site="localhost"):
    try:
        call_command("import_documents", str(path), "--site", site)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    out = capsys.readouterr()
    return code, out.out, out.err


def test_good_lines_land_bad_ones_are_named_and_the_exit_code_says_so(ward_site, tmp_path, capsys):
    (tmp_path / "qd1.pdf").write_bytes(sample_pdf(("Quy chế làm việc của Uỷ ban",)))
    (tmp_path / "macro.docx").write_bytes(b"PK\x03\x04 hong")
    path = _write(
        tmp_path,
        [
            _record("1/QĐ-UBND", files=["qd1.pdf"]),
            _record("2/QĐ-UBND", replaces=["1/QĐ-UBND"]),
            {**_record(""), "number": ""},
            _record("3/QĐ-UBND", issued="31/02/2025"),
            _record("4/QĐ-UBND", files=["khong-co.pdf"]),
            _record("5/QĐ-UBND", files=["macro.docx"]),
            _record("6/QĐ-UBND", amends=["99/QĐ-UBND"]),
            "{khong phai json",
            _record("7/QĐ-UBND", type="Loại lạ"),
            _record("8/QĐ-UBND", files=["../../etc/passwd"]),
        ],
    )
    code, out, err = _run(path, capsys)
    assert code == 1
    assert "2 văn bản mới" in out and "8 dòng lỗi" in out
    for line, reason in [
        (3, "thiếu “number”"),
        (4, "31/02/2025"),
        (5, "không đọc được tệp “khong-co.pdf”"),
        (6, "tệp “macro.docx” bị từ chối"),
        (7, "99/QĐ-UBND"),
        (8, "JSON"),
        (9, "Loại lạ"),
        (10, "ngoài thư mục"),
    ]:
        assert f"Dòng {line}: " in err and reason in err.split(f"Dòng {line}: ")[1].split("\n")[0]
    first, second = DocumentPage.objects.order_by("number_key")
    assert first.live and first.files.get().page_count == 1
    assert first.status(datetime.date(2025, 6, 1)).code == statuses.EXPIRED
    assert first.status(datetime.date(2025, 6, 1)).by.pk == second.pk


def test_importing_again_updates_and_never_duplicates(ward_site, tmp_path, capsys):
    path = _write(tmp_path, [_record("1/QĐ-UBND"), _record("2/QĐ-UBND")])
    assert _run(path, capsys)[0] == 0
    assert _run(path, capsys)[1].startswith("Đã nhập: 0 văn bản mới, 0 cập nhật, 2 không đổi")
    path = _write(tmp_path, [_record("1/QĐ-UBND", summary="Trích yếu đã sửa"), _record("2/QĐ-UBND")])
    code, out, _ = _run(path, capsys)
    assert code == 0 and "0 văn bản mới, 1 cập nhật, 1 không đổi" in out
    assert DocumentPage.objects.count() == 2
    assert DocumentPage.objects.get(number="1/QĐ-UBND").summary == "Trích yếu đã sửa"


def test_an_unknown_site_is_refused(db, tmp_path, capsys):
    path = _write(tmp_path, [_record("1/QĐ-UBND")])
    with pytest.raises(CommandError, match="Không có trang phường"):
        call_command("import_documents", str(path), "--site", "khong-co.example")


def test_demo_documents_load_once_with_their_pdfs(ward_site, other_site, capsys):
    from documents.demo_content import DEMO_DOCUMENTS, load

    sites = {"honggai": ward_site, "baichay": other_site}
    per_site = {host: sum(1 for h, _, _ in DEMO_DOCUMENTS if h == host) for host in ("localhost", "baichay.localhost")}
    first, again = load(sites).splitlines(), load(sites).splitlines()
    assert first == [f"{host}: {count} văn bản mẫu mới, 0 đã có." for host, count in per_site.items()]
    assert again == [f"{host}: 0 văn bản mẫu mới, {count} đã có." for host, count in per_site.items()]
    assert DocumentPage.objects.live().count() == len(DEMO_DOCUMENTS)
    plan = DocumentPage.objects.get(number="12/KH-UBND")
    assert plan.files.get().page_count == 2 and "bao cát" in plan.file_text
    amended = DocumentPage.objects.get(number="15/QĐ-UBND")
    assert amended.status(datetime.date(2025, 10, 1)).code == statuses.PARTLY_EXPIRED


def test_lines_are_read_as_every_import_reads_them(ward_site, tmp_path, capsys):
    """core.importing: a BOM and CRLF ends are fine; bytes that are not UTF-8 and half a UTF-16 pair are refused."""
    lines = [
        json.dumps(_record("1/QĐ-UBND"), ensure_ascii=False).encode(),
        json.dumps(_record("2/QĐ-UBND", summary="Trích yếu \ud800 hỏng"), ensure_ascii=True).encode(),
        json.dumps(_record("3/QĐ-UBND"), ensure_ascii=False).encode().replace("hành".encode(), "hành".encode("cp1258")),
        json.dumps(_record("4/QĐ-UBND", summary="Trích yếu\u2028hai dòng"), ensure_ascii=False).encode(),
    ]
    path = tmp_path / "van-ban.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(lines) + b"\r\n")
    code, out, err = _run(path, capsys)
    assert code == 1 and "2 văn bản mới" in out and "2 dòng lỗi" in out
    assert [line.split(":", 1)[0] for line in err.splitlines()] == ["Dòng 2", "Dòng 3"]
    assert "UTF-16" in err.splitlines()[0] and "UTF-8" in err.splitlines()[1]
    assert sorted(DocumentPage.objects.values_list("number", flat=True)) == ["1/QĐ-UBND", "4/QĐ-UBND"]


def test_wagtails_indexes_are_written_once_per_object_and_end_up_complete(ward_site, tmp_path, capsys, monkeypatch):
    # An imported document is saved three times; Wagtail's reference and admin search indexes follow it once.
    from modelsearch import index
    from modelsearch.backends.base import BaseSearchBackend
    from wagtail.models import Page, ReferenceIndex

    runs = {"reference": [], "search": []}
    monkeypatch.setattr(index, "insert_or_update_object", _counting(index.insert_or_update_object, runs["search"]))
    add_bulk = BaseSearchBackend.add_bulk

    def counted_bulk(backend, model, objects):
        runs["search"].extend(objects)
        return add_bulk(backend, model, objects)

    monkeypatch.setattr(BaseSearchBackend, "add_bulk", counted_bulk)
    create = classmethod(_counting(ReferenceIndex.create_or_update_for_object.__func__, runs["reference"]))
    monkeypatch.setattr(ReferenceIndex, "create_or_update_for_object", create)
    (tmp_path / "qd9.pdf").write_bytes(sample_pdf(("Quy chế tiếp công dân",)))
    path = _write(tmp_path, [_record("9/QĐ-UBND", files=["qd9.pdf"]), _record("10/QĐ-UBND", issued="sai ngày")])
    report = DocumentImporter(ward_site, tmp_path).import_lines(read_lines(path))  # the command, without its OCR
    assert (report.created, len(report.errors)) == (1, 1)

    page = DocumentPage.objects.get()
    assert [obj.pk for obj in runs["reference"] if isinstance(obj, DocumentPage)] == [page.pk]
    assert [obj.pk for obj in runs["search"] if isinstance(obj, DocumentPage)] == [page.pk]
    assert ReferenceIndex.get_references_for_object(page).filter(to_object_id=str(page.files.get().document_id))
    assert page.page_ptr in list(Page.objects.search("quyết định"))
    # Every save outside the import is indexed as it happens again.
    page.summary = "Về việc quy chế đón tiếp nhân dân"
    page.save_revision().publish()
    assert len([obj for obj in runs["search"] if isinstance(obj, DocumentPage)]) > 1


def _counting(func, calls):
    def counted(*args):
        calls.append(args[-1])  # the object (after the class, for a class method)
        return func(*args)

    return counted


def test_files_read_ahead_in_another_process_give_what_the_save_would_read(ward_site, tmp_path, capsys):
    from documents.extract import extract
    from documents.importing import Line, ReadAhead

    pdf = sample_pdf(("Trang một: hoà giải ở cơ sở",), ("Trang hai: tiếp công dân",))
    lines = [Line(1, {}, [("a.pdf", pdf), ("b.docx", b"PK\x03\x04 hong")], []), None, Line(3, {}, [], [])]
    with ReadAhead(lines) as ahead:
        first, skipped, empty = ahead.next(), ahead.next(), ahead.next()
        assert ahead.next() is None  # past the end
    assert first == [extract(pdf, "pdf"), extract(b"PK\x03\x04 hong", "docx")]
    assert first[0].pages[1].startswith("Trang hai") and not first[1].readable
    assert skipped is None and empty == []
    with ReadAhead([Line(1, {}, [("a.pdf", pdf)], [])]) as broken:
        broken.pool.shutdown()  # a worker gone: the save reads the file itself
        broken.pending.clear()
        broken.lines = iter([Line(2, {}, [("a.pdf", pdf)], [])])
        broken._submit()
        assert broken.next() is None

    (tmp_path / "qd1.pdf").write_bytes(pdf)
    assert _run(_write(tmp_path, [_record("1/QĐ-UBND", files=["qd1.pdf"])]), capsys)[0] == 0
    attached = DocumentPage.objects.get().files.get()
    assert attached.page_texts == extract(pdf, "pdf").pages and attached.page_count == 2
    assert attached.read_hash == attached.document.file_hash and attached.document.file_size == len(pdf)
    assert attached.text_note == "Có lớp chữ: tìm kiếm đọc được nội dung tệp."
