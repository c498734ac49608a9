"""Showing matches: the words a query matched, highlighted in the article's own (accented) spelling."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.text import WORD, fold_word

SNIPPET_WORDS = 36


def _spans(text, forms):
    return [(m.start(), m.end(), fold_word(m.group()) in forms) for m in WORD.finditer(text)]


def highlight(text, forms, start=0, end=None):
    """`text[start:end]` escaped, with matched words in <mark>."""
    end = len(text) if end is None else end
    out, pos = [], start
    for s, e, hit in _spans(text[start:end], forms):
        s, e = s + start, e + start
        if hit:
            out.append(escape(text[pos:s]))
            out.append(f"<mark>{escape(text[s:e])}</mark>")
            pos = e
    out.append(escape(text[pos:end]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def snippet(texts, forms, words=SNIPPET_WORDS):
    """The window of `words` words with the most distinct matched words, from the first text that has any."""
    for text in texts:
        if not text:
            continue
        spans = _spans(text, forms)
        if not any(hit for _, _, hit in spans):
            continue
        best, best_score = 0, -1
        for i, (_, _, hit) in enumerate(spans):
            if not hit:
                continue
            start = max(0, i - 4)
            window = spans[start : start + words]
            score = len({fold_word(text[s:e]) for s, e, h in window if h})
            if score > best_score:
                best, best_score = start, score
        window = spans[best : best + words]
        begin = 0 if best == 0 else window[0][0]
        finish = len(text) if best + words >= len(spans) else window[-1][1]
        html = highlight(text, forms, begin, finish)
        prefix = "… " if begin > 0 else ""
        suffix = " …" if finish < len(text) else ""
        return mark_safe(prefix + html + suffix)  # noqa: S308 - highlight() escaped it
    # Matched only in the title: show the start of the first text.
    for text in texts:
        if text:
            spans = _spans(text, forms)
            finish = len(text) if len(spans) <= words else spans[words - 1][1]
            return mark_safe(escape(text[:finish]) + (" …" if finish < len(text) else ""))  # noqa: S308
    return ""
