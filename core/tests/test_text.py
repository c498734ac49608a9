import unicodedata

import pytest

from core.text import fold, normalize_text, vn_slugify


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
