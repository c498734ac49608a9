"""Showing matches: the words a query matched, highlighted in the article's own (accented) spelling."""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.text import fold
from search.text import WORD, fold_word

SNIPPET_WORDS = 36
_MARKS = "\u0300-\u036f"  # combining marks that search.text.WORD keeps inside a word


def _spans(text, forms):
    """(start, end, its folded form if it is one of `forms`, else None) of each word."""
    found = ((m.start(), m.end(), fold_word(m.group())) for m in WORD.finditer(text))
    return [(start, end, form if form in forms else None) for start, end, form in found]


@lru_cache(maxsize=1)
def _letter_classes():
    """For each lower-case ASCII letter and digit, every character (any case, any marks) that folds to it."""
    classes = {}
    for code in range(0x10000):
        folded = fold(chr(code))
        if len(folded) == 1 and folded.isascii() and folded.isalnum():
            classes.setdefault(folded, []).append(chr(code))
    return {letter: "[" + "".join(re.escape(ch) for ch in chars) + f"][{_MARKS}]*" for letter, chars in classes.items()}


@lru_cache(maxsize=256)
def _hit_pattern(forms):
    """A regular expression finding, in unfolded text, the whole words whose folded form is one of `forms`
    (letters and digits only), or None for other forms."""
    classes = _letter_classes()
    if not forms or any(ch not in classes for form in forms for ch in form):
        return None
    words = "|".join("".join(classes[ch] for ch in form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(f"(?<![^\\W_])(?<![{_MARKS}])(?:{words})(?![^\\W_])(?![{_MARKS}])")


def _hits(text, forms):
    """[(index of the word, its folded form, its first character)] of the words matching `forms`, in order.
    One regular expression over the text and a count of the words between matches, both in C: a body has
    thousands of words, a handful of matches."""
    pattern = _hit_pattern(frozenset(forms))
    if pattern is None:
        return [(i, form, start) for i, (start, _, form) in enumerate(_spans(text, forms)) if form]
    hits, index, position = [], 0, 0
    for match in pattern.finditer(text):
        index += len(WORD.findall(text, position, match.start()))
        hits.append((index, fold_word(match.group()), match.start()))
        index, position = index + 1, match.end()
    return hits


def _best_window(hits, words):
    """Index of the first word of the best window: `words` words from four before a matched word, holding
    the most distinct matched words (the first such window)."""
    best, best_score = 0, -1
    inside, low, high = {}, 0, 0  # matched forms (with their counts) of hits[low:high]
    for i, _, _ in hits:
        start = max(0, i - 4)
        while high < len(hits) and hits[high][0] < start + words:
            inside[hits[high][1]] = inside.get(hits[high][1], 0) + 1
            high += 1
        while hits[low][0] < start:
            form = hits[low][1]
            inside[form] -= 1
            if not inside[form]:
                del inside[form]
            low += 1
        if len(inside) > best_score:
            best, best_score = start, len(inside)
    return best


def _window(text, hits, first, words):
    """(begin, end) characters of `words` words from word `first` (to the end when no word follows them)."""
    begin = 0
    if first:
        # The window starts a few words before a matched word: count them back from it.
        index, _, anchor = next(hit for hit in hits if hit[0] >= first)
        before, reach = index - first, 64
        while True:
            region = max(0, anchor - reach)
            starts = [m.start() for m in WORD.finditer(text, region, anchor)]
            # One more word than needed: the region's first may be the end of a longer one.
            if len(starts) > before or region == 0:
                begin = starts[-before] if before else anchor
                break
            reach *= 4
    ends = [m.end() for _, m in zip(range(words), WORD.finditer(text, begin), strict=False)]
    finish = ends[-1] if len(ends) == words and WORD.search(text, ends[-1]) else len(text)
    return begin, finish


def highlight(text, forms, start=0, end=None):
    """`text[start:end]` escaped, with matched words in <mark>."""
    piece = text[start:end]
    pattern = _hit_pattern(frozenset(forms))
    if pattern is None:
        matches = [(s, e) for s, e, form in _spans(piece, forms) if form]
    else:
        matches = [match.span() for match in pattern.finditer(piece)]
    out, pos = [], 0
    for s, e in matches:
        out.append(escape(piece[pos:s]))
        out.append(f"<mark>{escape(piece[s:e])}</mark>")
        pos = e
    out.append(escape(piece[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def snippet(texts, forms, words=SNIPPET_WORDS):
    """The window of `words` words with the most distinct matched words, from the first text that has any."""
    for text in texts:
        if not text:
            continue
        hits = _hits(text, forms)
        if not hits:
            continue
        begin, finish = _window(text, hits, _best_window(hits, words), words)
        html = highlight(text, forms, begin, finish)
        prefix = "… " if begin > 0 else ""
        suffix = " …" if finish < len(text) else ""
        return mark_safe(prefix + html + suffix)  # noqa: S308 - highlight() escaped it
    # Matched only in the title: show the start of the first text.
    for text in texts:
        if text:
            _, finish = _window(text, [], 0, words)
            return mark_safe(escape(text[:finish]) + (" …" if finish < len(text) else ""))  # noqa: S308
    return ""
