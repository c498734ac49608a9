import unicodedata

import pytest

from core.text import fold, normalize_html, normalize_text, remove_controls, vn_slugify


def test_slug_keeps_d_and_drops_marks():
    assert vn_slugify("Đảng uỷ phường Hồng Gai tổ chức hội nghị") == "dang-uy-phuong-hong-gai-to-chuc-hoi-nghi"


def test_slug_is_the_same_for_both_tone_placements_and_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Hoà bình, khoẻ mạnh")
    assert vn_slugify("Hoà bình, khoẻ mạnh") == vn_slugify("Hòa bình, khỏe mạnh") == vn_slugify(decomposed)
    assert vn_slugify(decomposed) == "hoa-binh-khoe-manh"


def test_slug_is_cut_at_a_word_boundary():
    title = "Ủy ban nhân dân phường " + "tổ chức hội nghị tổng kết công tác năm " * 5
    slug = vn_slugify(title)
    assert len(slug) <= 80
    assert slug.isascii()
    assert not slug.endswith("-")
    # Every piece is a whole word of the folded title.
    words = set(fold(title).replace(",", " ").split())
    assert all(part in words for part in slug.split("-"))


def test_slug_of_one_overlong_word_is_truncated():
    assert vn_slugify("a" * 100) == "a" * 80


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Đảng\u00a0 uỷ\u200b   phường  ", "Đảng uỷ phường"),
        (unicodedata.normalize("NFD", "Hồng Gai"), "Hồng Gai"),
        ("Dòng\u200d\ufeff một", "Dòng một"),
    ],
)
def test_normalize_text(raw, expected):
    result = normalize_text(raw)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


def test_normalize_multiline_keeps_line_breaks():
    assert normalize_text("Một  hai\n  ba   bốn ", multiline=True) == "Một hai\nba bốn"


def test_fold_matches_accented_and_plain():
    assert fold("ĐẢNG ỦY") == fold("đảng uỷ") == "dang uy"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Word's line break and the other breaks part words; they never glue them.
        ("Họp\x0bdân", "Họp dân"),
        ("Họp\x0cdân\u2028phố\u2029mới\x85nay", "Họp dân phố mới nay"),
        ("Họp\x00dân\x1b\x7f\x9f", "Họpdân"),
        ("Lỗi\ud800 mã\udfff", "Lỗi mã"),
        ("Tab\tgiữ\ufffe", "Tab giữ"),
    ],
)
def test_controls_and_lone_surrogates_are_removed(raw, expected):
    assert normalize_text(raw) == expected


def test_breaks_become_newlines_in_multiline_text_and_html():
    assert normalize_text("Một\x0bhai\r\nba\rbốn\x00", multiline=True) == "Một\nhai\nba\nbốn"
    assert normalize_html("<p>Một\x0bhai\x00</p>") == "<p>Một\nhai</p>"
    # Every character left is one XML 1.0 accepts and UTF-8 can encode.
    every_control = "".join(map(chr, [*range(0x20), *range(0x7F, 0xA0), 0xD800, 0xDFFF, 0xFFFE, 0xFFFF]))
    kept = remove_controls(every_control)
    assert set(kept) <= {"\t", "\n"}
    kept.encode("utf-8")
