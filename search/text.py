"""Vietnamese words as the search index sees them.

Every word becomes two index tokens at the same position:

* the *folded* token: lower-case, tone and vowel marks removed, đ as d ("Đảng" -> "dang"), so a query typed
  without accents, in capitals or decomposed (NFD) finds it;
* the *accent key*: the folded letters followed by a code for each vowel mark and the tone, the tone always
  last ("ủy" and "uỷ" -> "uy03"), so the two tone placements are one word and an accented query can prefer
  exact-accent matches. The key is only a comparison value, never shown.

Each pair of neighbouring folded words is a token too ("hoi_nghi"), see pair_tokens().
"""

import re
import unicodedata
from functools import lru_cache

from core.text import fold

# A word: letters and digits, with any combining marks pasted after them (NFD from Word).
WORD = re.compile(r"[^\W_][\u0300-\u036f]*(?:[^\W_][\u0300-\u036f]*)*")

_TONES = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
# Circumflex, horn, breve; đ is its own letter in Unicode and gets code 9.
_VOWEL_MARKS = {"\u0302": "6", "\u031b": "7", "\u0306": "8"}

MAX_QUERY_CHARS = 256
MAX_TERMS = 8


def words(text):
    """The words of `text` (any normalisation form), in order, NFC."""
    if not text:
        return []
    return WORD.findall(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=200_000)
def fold_word(word):
    return fold(unicodedata.normalize("NFC", word))


@lru_cache(maxsize=200_000)
def accent_key(word):
    """Folded letters + position/mark codes + tone digit; equal for both tone placements."""
    base, marks, tone = [], [], ""
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch in _VOWEL_MARKS:
            marks.append(f"{max(len(base) - 1, 0)}{_VOWEL_MARKS[ch]}")
        elif ch == "đ":
            marks.append(f"{len(base)}9")
            base.append("d")
        elif not unicodedata.combining(ch):
            base.append(ch)
    letters = "".join(base)
    if not marks and not tone:
        return letters
    return f"{letters}0{''.join(marks)}{tone}"


def has_marks(word):
    return accent_key(word) != fold_word(word)


def pair_tokens(folded_words):
    """One token per two neighbouring words ("hoi_nghi"): phrases and "typed together" become lookups of
    rare tokens instead of position checks over the long posting lists of common syllables."""
    return [f"{a}_{b}" for a, b in zip(folded_words, folded_words[1:], strict=False)]


def index_texts(text):
    """(folded words, accent keys, neighbour pairs) of a text, each as space-separated tokens."""
    found = words(text)
    folded = [fold_word(w) for w in found]
    return " ".join(folded), " ".join(accent_key(w) for w in found), " ".join(pair_tokens(folded))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]")
_QUOTED = re.compile(r'["“”„]([^"“”„]*)["“”„]')


def clean_query(raw):
    """The query as we echo it back: NFC, no control characters, bounded length."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFC", str(raw)[: MAX_QUERY_CHARS * 4])
    return " ".join(_CONTROL.sub(" ", text).split())[:MAX_QUERY_CHARS]


class Query:
    """A parsed user query: terms (all required) and quoted phrases (adjacent words required).

    Everything that reaches SQL is built from `words()` output, so FTS operators and punctuation typed by a
    user are just separators.
    """

    def __init__(self, raw):
        self.text = clean_query(raw)
        phrases, terms = [], []
        rest = _QUOTED.sub(lambda m: phrases.append(words(m.group(1))) or " ", self.text)
        # An unmatched quote is punctuation like any other.
        terms = words(rest)
        self.phrases = [p for p in phrases if p]
        # Single-word "phrases" are plain terms.
        self.terms = terms + [p[0] for p in self.phrases if len(p) == 1]
        self.phrases = [p for p in self.phrases if len(p) > 1]
        budget = MAX_TERMS
        self.terms = self.terms[:budget]
        budget -= len(self.terms)
        kept = []
        for phrase in self.phrases:
            if budget <= 1:
                break
            kept.append(phrase[:budget])
            budget -= len(kept[-1])
        self.phrases = kept

    def __bool__(self):
        return bool(self.terms or self.phrases)

    @property
    def all_words(self):
        return self.terms + [w for p in self.phrases for w in p]

    @property
    def folded_terms(self):
        return [fold_word(w) for w in self.terms]

    @property
    def folded_phrases(self):
        return [[fold_word(w) for w in p] for p in self.phrases]

    @property
    def accented_keys(self):
        """Accent keys of the words the user typed with marks; plain words match any accents."""
        return [accent_key(w) for w in self.all_words if has_marks(w)]

    @property
    def plain_terms(self):
        """Folded unquoted words typed without marks (the others are implied by their accent keys)."""
        return [fold_word(w) for w in self.terms if not has_marks(w)]

    @property
    def adjacency(self):
        """The unquoted words in order, for the "typed together" boost (needs two or more)."""
        return [fold_word(w) for w in self.terms] if len(self.terms) > 1 else []

    def highlight_forms(self):
        return {fold_word(w) for w in self.all_words}
