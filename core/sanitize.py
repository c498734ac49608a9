"""Sanitising HTML that comes from outside (imports, legacy portals)."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3

from core.hidden import remove_hidden

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "a", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "blockquote", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "iframe",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen"},
}
# Video players we trust to be embedded; any other iframe is dropped.
IFRAME_HOSTS = {"www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "player.vimeo.com"}
_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>\s*</iframe>")


def _filter_attribute(tag, attribute, value):
    if tag == "iframe" and attribute == "src":
        parts = urlsplit(value)
        if parts.scheme != "https" or parts.hostname not in IFRAME_HOSTS:
            return None
    return value


@dataclass
class Sanitised:
    html: str
    hidden: list = field(default_factory=list)  # core.hidden.HiddenBlock for each hidden element removed


def sanitize(html):
    """Keep article markup; drop hidden elements (with their links), scripts, styles, event handlers and
    unsafe URLs. Hidden parts go first: once `style` is dropped they would show."""
    visible, hidden = remove_hidden(html or "")
    cleaned = nh3.clean(
        visible,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # An iframe whose src was refused is left empty; remove the shell too.
    return Sanitised(_EMPTY_IFRAME.sub("", cleaned), hidden)


def sanitize_html(html):
    return sanitize(html).html
