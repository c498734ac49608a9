"""Vietnamese text helpers: normalisation for storage, folding for matching, slugs."""

import re
import unicodedata

# Zero-width and invisible formatting characters that sneak in from Word and the web.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def normalize_text(value, *, multiline=False):
    """NFC, invisible characters removed, runs of spaces collapsed, ends trimmed."""
    if not value:
        return value
    value = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in value.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()
    return _SPACES.sub(" ", value.replace("\r", " ").replace("\n", " ")).strip()


def normalize_html(value):
    """Like normalize_text for stored HTML: NFC, no invisibles, no runs of spaces."""
    if not value:
        return value
    value = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    return _SPACES.sub(" ", value)


def fold(value):
    """Lower-case ASCII skeleton: tone marks and vowel marks removed, đ as d.

    Both tone placements (uỷ/ủy, hoà/hòa) fold to the same letters.
    """
    if not value:
        return ""
    value = unicodedata.normalize("NFD", value.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in value if not unicodedata.combining(ch))


def vn_slugify(value, max_length=80):
    """ASCII slug that keeps đ as d, cut at a word boundary."""
    slug = _SLUG_JUNK.sub("-", fold(value)).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    if cut.endswith("-"):
        return cut.rstrip("-")
    head = cut.rsplit("-", 1)[0]
    # A single word longer than the limit has no boundary to cut at.
    return head if head and head != cut else slug[:max_length]
