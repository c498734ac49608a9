import pytest

from core.sanitize import sanitize, sanitize_html


def test_scripts_handlers_and_javascript_urls_are_removed():
    html = (
        '<p onclick="steal()">Chào <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<img src="x" onerror="alert(2)"><style>p{}</style></p>'
    )
    cleaned = sanitize_html(html)
    for bad in ("script", "onclick", "onerror", "javascript:", "<style", "alert(1)"):
        assert bad not in cleaned
    assert "Chào" in cleaned


def test_iframes_only_from_trusted_video_hosts():
    trusted = '<iframe src="https://www.youtube.com/embed/abc" width="560"></iframe>'
    unknown = '<iframe src="https://evil.example/x" width="560"></iframe>'
    assert "youtube.com/embed/abc" in sanitize_html(trusted)
    assert "iframe" not in sanitize_html(unknown)


def test_article_markup_survives():
    html = (
        '<h2>Tiêu đề</h2><p><strong>Đậm</strong> <a href="https://example.org/">liên kết</a></p>'
        "<table><tr><td>1</td></tr></table>"
    )
    cleaned = sanitize_html(html)
    assert "<h2>" in cleaned and "<strong>" in cleaned and "<td>1</td>" in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


CASINO = '<a href="http://casino.example/ca-cuoc">Sòng bạc</a>'
HIDING = [
    (f'<div style="display:none">{CASINO}</div>', "display:none"),
    (f'<div style="DISPLAY : None !important">{CASINO}</div>', "display:none"),
    (f'<span style="visibility: hidden">{CASINO}</span>', "visibility:hidden"),
    (f'<div style="position:absolute; left:-9999px">{CASINO}</div>', "position:absolute; left:-9999px"),
    (f'<div style="position:fixed;top:-200em">{CASINO}</div>', "position:fixed; top:-200em"),
    (f'<p style="text-indent:-9999px">{CASINO}</p>', "text-indent:-9999px"),
    (f'<div style="font-size:0">{CASINO}</div>', "font-size:0"),
    (f'<div style="font-size: 0px;">{CASINO}</div>', "font-size:0px"),
    (f'<div style="height:0;overflow:hidden">{CASINO}</div>', "height:0; overflow:hidden"),
    (f'<div style="width:1px; overflow: hidden">{CASINO}</div>', "width:1px; overflow:hidden"),
    (f'<div style="opacity:0">{CASINO}</div>', "opacity:0"),
    (f'<div style="position:absolute;clip:rect(0 0 0 0)">{CASINO}</div>', "clip:rect(0 0 0 0)"),
    (f"<div hidden>{CASINO}</div>", "hidden"),
    (f"<noscript>{CASINO}</noscript>", "<noscript>"),
    (f"<template>{CASINO}</template>", "<template>"),
    (f'<style>.seo {{ display: none }}</style><div class="a seo">{CASINO}</div>', ".seo {display:none}"),
    (f'<style>p#x{{visibility:hidden}}</style><p id="x">{CASINO}</p>', "p#x {visibility:hidden}"),
    ('<a style="display:none" href="http://casino.example/">Sòng bạc</a>', "display:none"),
]


@pytest.mark.parametrize(("html", "how"), HIDING)
def test_hidden_blocks_go_with_their_links_and_are_named(html, how):
    result = sanitize(f"<p>Tin phường.</p>{html}<p>Hết.</p>")
    assert "casino" not in result.html and "Sòng bạc" not in result.html
    assert "Tin phường." in result.html and "Hết." in result.html
    [block] = result.hidden
    assert block.how == how
    assert block.link_hosts == ["casino.example"]
    assert block.text == "Sòng bạc"


SHOWN = [
    '<div style="color:red;font-size:14px">{}</div>',
    '<div style="position:relative;left:-5px;text-indent:-1em">{}</div>',
    '<div style="height:0">{}</div>',  # no overflow:hidden: the content still shows
    '<div style="left:-9999px">{}</div>',  # no position: `left` moves nothing
    '<span aria-hidden="true">{}</span>',  # hidden from screen readers, shown on the page
    '<style>@media print {{ .x {{ display:none }} }}</style><div class="x">{}</div>',
    '<div style="opacity:0.5;display:block">{}</div>',
]


@pytest.mark.parametrize("wrapper", SHOWN)
def test_visible_blocks_stay(wrapper):
    result = sanitize(wrapper.format('<a href="https://example.org/">Liên kết thật</a>'))
    assert "Liên kết thật" in result.html and "example.org" in result.html
    assert result.hidden == []


def test_a_hidden_block_inside_another_is_named_once():
    html = '<div hidden><p style="display:none"><a href="http://a.example/">A</a></p><a href="http://b.example/">B</a></div>'
    [block] = sanitize(html).hidden
    assert block.how == "hidden"
    assert block.link_hosts == ["a.example", "b.example"]
