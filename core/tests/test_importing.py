"""The import machinery every import command shares (core/importing.py)."""

import io
import json

import pytest
from django.core.management import CommandError

from core.importing import ImportCommand, ImportReport, LineError, decode_line, parse_json_line, read_lines


def test_lines_are_split_on_newlines_only_and_numbered_as_an_editor_shows_them(tmp_path):
    path = tmp_path / "tep.jsonl"
    # A byte-order mark, CRLF ends, separators and a form feed inside a line, a blank line, a last newline.
    path.write_bytes(b"\xef\xbb\xbfmot\r\nhai\xe2\x80\xa8van hai\x0cvan hai\r\n\r\nbon\xe2\x80\xa9\n")
    lines = read_lines(path)
    assert [number for number, _ in lines] == [1, 2, 3, 4]
    assert [decode_line(line) for _, line in lines] == ["mot", "hai\u2028van hai\x0cvan hai", "", "bon\u2029"]


@pytest.mark.parametrize(
    ("data", "count"),
    [(b"", 0), (b"\n", 1), (b"a", 1), (b"a\n", 1), (b"a\n\n", 2), (b"a\n  \n", 2), (b"\xef\xbb\xbf", 0)],
)
def test_only_the_piece_after_the_last_newline_is_dropped(tmp_path, data, count):
    path = tmp_path / "tep.txt"
    path.write_bytes(data)
    assert len(read_lines(path)) == count


def test_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        read_lines(tmp_path / "khong-co.jsonl")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("Bài năm".encode("cp1258"), "UTF-8"),  # a Windows-1258 export
        (b"B\xed\xa0\x80i", "UTF-8"),  # a surrogate encoded as UTF-8
        (b'{"title": "a\x00b"}', "NUL"),
        ('{"title": "a\x00b"}', "NUL"),
    ],
    ids=["cp1258", "encoded-surrogate", "nul-bytes", "nul-text"],
)
def test_a_line_that_no_database_can_hold_is_refused_with_its_reason(raw, reason):
    with pytest.raises(LineError, match=reason):
        decode_line(raw)


def test_the_position_of_the_first_bad_byte_is_named():
    with pytest.raises(LineError, match="vị trí 4"):
        decode_line(b"abc\xff")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"title": "hai \\ud800"}', "UTF-16"),
        ('{"title": "\\udc00 lẻ"}'.encode(), "UTF-16"),
        (b"{khong phai json", "JSON không hợp lệ"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON"),
    ],
    ids=["high-surrogate", "low-surrogate", "not-json", "too-deep"],
)
def test_json_lines_refuse_what_cannot_be_stored(line, reason):
    with pytest.raises(LineError, match=reason):
        parse_json_line(line)


def test_a_json_line_keeps_its_separators_and_loses_its_carriage_return():
    record = {"title": "Bài\u2028ba", "body": "Đoạn\u2029một.\x0cHết.", "pair": "😀"}
    line = json.dumps(record, ensure_ascii=False).encode() + b"\r"
    assert parse_json_line(line) == record
    assert parse_json_line(json.dumps(record)) == record  # escaped pairs, as text


class _Import(ImportCommand):
    summary = "Đã nhập: %(created)d mới, %(updated)d cập nhật, %(unchanged)d không đổi, %(failed)d dòng lỗi%(extra)s."


def _finish(report, **values):
    out, err = io.StringIO(), io.StringIO()
    command = _Import(stdout=out, stderr=err)
    try:
        command.finish(report, **values)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, out.getvalue(), err.getvalue()


def test_a_clean_run_prints_its_summary_and_exits_0():
    report = ImportReport()
    for outcome in ("created", "created", "updated", "unchanged"):
        report.count(outcome)
    report.notes.append((3, "đã bỏ khối bị ẩn"))
    code, out, err = _finish(report, extra="")
    assert code == 0
    assert out == "Đã nhập: 2 mới, 1 cập nhật, 1 không đổi, 0 dòng lỗi.\n"
    assert err == "Dòng 3: đã bỏ khối bị ẩn\n"


def test_any_refused_line_is_named_and_the_exit_status_is_1():
    report = ImportReport()
    report.count("created")
    report.refuse(2, LineError("thiếu tiêu đề"))
    report.refuse(5, "JSON không hợp lệ")
    code, out, err = _finish(report, extra=" (bản nháp)")
    assert code == 1
    assert out == "Đã nhập: 1 mới, 0 cập nhật, 0 không đổi, 2 dòng lỗi (bản nháp).\n"
    assert err.splitlines() == ["Dòng 2: thiếu tiêu đề", "Dòng 5: JSON không hợp lệ"]


def test_an_unreadable_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        _Import().read(tmp_path / "khong-co.jsonl")
