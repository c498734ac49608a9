"""The inertness check itself must catch what it is meant to catch."""

import pytest

from core.tests.hostile_corpus import HOSTILE_STRINGS, inert_problems


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script src="//evil.example/x.js"></script>',
        '<img src="x" onerror="alert(1)">',
        '<a href=" java\tscript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<iframe src="https://evil.example/"></iframe>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<base href="https://evil.example/">',
        '<form action="https://evil.example/"></form>',
    ],
)
def test_active_markup_is_reported(html):
    assert inert_problems(html)


def test_escaped_corpus_and_data_blocks_pass():
    from django.utils.html import escape

    page = "".join(f"<p>{escape(item)}</p>" for item in HOSTILE_STRINGS)
    page += '<script type="application/ld+json">{"a": "\\u003c/script\\u003e"}</script>'
    page += '<script src="/static/app.js"></script><iframe src="https://www.youtube.com/embed/x"></iframe>'
    assert inert_problems(page) == []
    assert len(HOSTILE_STRINGS) == 36
