"""Vietnamese text helpers: normalisation for storage, folding for matching, slugs."""

import re
import unicodedata

# Zero-width and invisible formatting characters that sneak in from Word and the web.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
# Breaks that are not a newline: Word's line break (\x0b), form feed, the information separators, NEL and
# Unicode's line/paragraph separators. Dropping them would glue two words; they become a newline instead.
_OTHER_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# C0 and C1 controls other than tab and newline, lone surrogates (from broken UTF-16) and the two
# non-characters: XML 1.0 cannot carry them (a feed with one fails) and no reader can see them.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def remove_controls(value):
    """Text any reader, database and XML document can hold: line breaks become "\\n", other controls go."""
    if not value:
        return value
    return _CONTROLS.sub("", _OTHER_BREAKS.sub("\n", value))


def normalize_text(value, *, multiline=False):
    """NFC, controls and invisible characters removed, runs of spaces collapsed, ends trimmed."""
    if not value:
        return value
    value = unicodedata.normalize("NFC", remove_controls(value)).translate(_INVISIBLE)
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
        return "\n".join(lines).strip()
    return _SPACES.sub(" ", value.replace("\n", " ")).strip()


def normalize_html(value):
    """Like normalize_text for stored HTML: NFC, no controls or invisibles, no runs of spaces."""
    if not value:
        return value
    value = unicodedata.normalize("NFC", remove_controls(value)).translate(_INVISIBLE)
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
