from core.sanitize import sanitize_html


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
