"""Hostile inputs of our own, for tests of every way content gets in, and a check that output is inert.

Other apps' tests (search, statistics beacon …) import HOSTILE_STRINGS and assert_inert_html.
"""

from html.parser import HTMLParser

HOSTILE_STRINGS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<img src=x onerror=alert(1)//",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<a href="javascript:alert(1)">bấm vào đây</a>',
    '<a href=" JaVaScRiPt:alert(1)">khoảng trắng</a>',
    '<a href="java&#x09;script:alert(1)">thực thể</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">dữ liệu</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<p style="background:url(javascript:alert(1))">kiểu</p>',
    "<style>body{display:none}</style>",
    '<form action="https://evil.example/"><input name=mk></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    "<p><b><i>lồng nhau <p>sai</b></i> thẻ",
    "<div><table><tr><td>bảng<td></div></table",
    "<!--<script>alert(1)//--><script>alert(2)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "</script><script>alert('thoát JSON-LD')</script>",
    "{{ 7*7 }} {% debug %} ${7*7}",
    "Tin\u202egnoz\u202c tức \u200bẩn\u200d \ufeffký tự",
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 trộn chữ Ả Rập \u200f",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "x" * 5000,
    "Hồ" * 2000,
    "\x00\x01\x07 ký tự điều khiển",
    "Robert'); DROP TABLE wagtailcore_page;--",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset"}
_FORBIDDEN_TAGS = {"object", "embed", "base", "applet", "frame", "frameset"}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application", "data:image/svg")


def _scheme(value):
    # Browsers ignore ASCII whitespace and control characters inside a scheme.
    return "".join(ch for ch in (value or "") if ord(ch) > 32).lower()


class _InertChecker(HTMLParser):
    def __init__(self, iframe_hosts):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.iframe_hosts = iframe_hosts
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        src = attributes.get("src") or ""
        own_file = src.startswith("/") and not src.startswith("//")
        if tag == "script" and attributes.get("type") != "application/ld+json" and not own_file:
            self.problems.append(f"executable <script {attributes}>")
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        trusted_embed = any(src.startswith(f"https://{host}/") for host in self.iframe_hosts)
        if tag == "iframe" and ("srcdoc" in attributes or not trusted_embed):
            self.problems.append(f"<iframe {attributes}>")
        if tag == "form" and (attributes.get("action") or "").startswith(("http:", "https:", "//")):
            self.problems.append(f"<form action={attributes['action']}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if name in _URL_ATTRIBUTES and _scheme(value).startswith(_BAD_SCHEMES):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "style" and "javascript:" in _scheme(value):
                self.problems.append(f"style={value!r}")

    handle_startendtag = handle_starttag


def inert_problems(html):
    from core.sanitize import IFRAME_HOSTS

    checker = _InertChecker(IFRAME_HOSTS)
    checker.feed(html)
    checker.close()
    return checker.problems


def assert_inert_html(html):
    problems = inert_problems(html)
    assert not problems, problems
