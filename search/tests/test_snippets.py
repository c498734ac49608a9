"""Snippets: the window with the most distinct matched words, found without folding a body word by word."""

import unicodedata

from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from search.snippets import snippet
from search.text import WORD, fold_word

SYLLABLES = ["hội", "nghị", "Hội", "NGHỊ", "phường", "đảng", "uỷ", "ủy", "bàn", "ban", "bán", "x2", "ĐẢNG", "a_b", "em"]
# Mostly words that match nothing, so windows start at every distance from a match.
OTHERS = ["tổ", "dân", "phố", "khu", "vực", "năm", "2026", "Quảng", "Ninh", "lễ"]
GLUE = [" ", " ", " ", ", ", ". ", " – ", "\n", "_", "(", ") "]


def reference(texts, forms, words=36):
    """The definition, word by word: every word folded and compared."""
    for text in texts:
        if not text:
            continue
        spans = [(m.start(), m.end(), fold_word(m.group()) in forms) for m in WORD.finditer(text)]
        if not any(hit for _, _, hit in spans):
            continue
        best, best_score = 0, -1
        for i, (_, _, hit) in enumerate(spans):
            if hit:
                start = max(0, i - 4)
                score = len({fold_word(text[s:e]) for s, e, h in spans[start : start + words] if h})
                if score > best_score:
                    best, best_score = start, score
        window = spans[best : best + words]
        begin = 0 if best == 0 else window[0][0]
        finish = len(text) if best + words >= len(spans) else window[-1][1]
        return begin, finish
    return None


texts = st.lists(st.tuples(st.sampled_from(SYLLABLES + OTHERS * 3), st.sampled_from(GLUE)), max_size=120).map(
    lambda parts: "".join(word + glue for word, glue in parts)
)


FORMS = st.sets(
    st.sampled_from(["hoi", "nghi", "phuong", "dang", "uy", "ban", "x2", "em", "b", "ho", "ba"]), max_size=3
)


@settings(max_examples=500, deadline=None)
@given(texts, texts, FORMS, st.booleans(), st.integers(3, 40))
def test_the_window_is_the_one_the_definition_picks(lead, body, forms, decomposed, words):
    if decomposed:  # pasted from Word: marks as separate characters
        body = unicodedata.normalize("NFD", body)
    expected = reference([lead, body], forms, words)
    html = str(snippet([lead, body], forms, words))
    if expected is None:
        assert "<mark>" not in html
        return
    text = lead if reference([lead], forms, words) is not None else body
    begin, finish = expected
    piece, marked, pos = text[begin:finish], [], 0
    for m in WORD.finditer(piece):
        if fold_word(m.group()) in forms:
            marked += [escape(piece[pos : m.start()]), f"<mark>{escape(m.group())}</mark>"]
            pos = m.end()
    marked.append(escape(piece[pos:]))
    assert html == ("… " if begin else "") + "".join(marked) + (" …" if finish < len(text) else "")


def test_a_window_may_start_one_word_before_the_match_it_is_counted_from():
    text = "tổ dân phố hội khu vực nghị năm 2026 Quảng Ninh"
    html = str(snippet([text], {"hoi", "nghi"}, words=5))
    assert html == "… phố <mark>hội</mark> khu vực <mark>nghị</mark> …"
    assert reference([text], {"hoi", "nghi"}, 5) == (text.index("phố"), text.index("nghị") + len("nghị"))
