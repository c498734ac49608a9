"""Finding the parts of an HTML fragment that its author hid from readers.

Spam planted in legacy portals hides its links (display:none, off-screen, zero size) so that only search
engines see them. Sanitising drops `style` and `hidden`, which would make those links visible on our pages,
so hidden elements are removed, with everything inside them, before sanitising.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

# Elements whose content no reader of a page sees: `template` is never rendered, and `noscript` is only for
# browsers without scripts (sanitised, its markup would show as text).
NEVER_SHOWN = {"template", "noscript"}
# Moved this far left/up (or right/down) the block is off every screen.
OFFSCREEN_PX = 500
# Rough pixels per unit; enough to tell "a little" from "off the page".
_PX = {"": 1, "px": 1, "pt": 4 / 3, "pc": 16, "in": 96, "cm": 37.8, "mm": 3.78, "q": 0.95, "em": 16, "rem": 16}
_PX |= {"ex": 8, "ch": 8, "%": 5, "vw": 10, "vh": 10, "vmin": 10, "vmax": 10}
_LENGTH = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+))([a-z%]*)$")
_COMMENTS = re.compile(r"/\*.*?\*/", re.S)
_SIMPLE_SELECTOR = re.compile(r"^[a-z0-9]*([.#])([\w-]+)$", re.I)
# Nothing can be hidden without one of these words; most bodies have none and are not parsed at all.
_MAY_HIDE = re.compile(r"style|hidden|noscript|template", re.I)


@dataclass
class HiddenBlock:
    """One removed element: how it was hidden, the start of its text, the hosts its links pointed to."""

    how: str
    text: str = ""
    link_hosts: list = field(default_factory=list)


def _declarations(css):
    found = {}
    for declaration in _COMMENTS.sub("", css or "").split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            value = " ".join(value.replace("!important", "").lower().split())
            found[name.strip().lower()] = value
    return found


def _px(value):
    """A CSS length in (rough) pixels, or None when it is not a plain length."""
    match = _LENGTH.match(value or "")
    if not match or match[2] not in _PX:
        return None
    return float(match[1]) * _PX[match[2]]


def hidden_by_css(css):
    """The declaration that hides whatever `css` applies to, as written; "" when it hides nothing."""
    style = _declarations(css)

    def shown(name):
        return f"{name}:{style[name]}"

    if style.get("display") == "none":
        return shown("display")
    if style.get("visibility") in ("hidden", "collapse"):
        return shown("visibility")
    opacity = _px(style.get("opacity", "").removesuffix("%"))  # a plain number reads as pixels: fine here
    if opacity is not None and opacity <= 0:
        return shown("opacity")
    size = _px(style.get("font-size"))
    if size is not None and size <= 1:
        return shown("font-size")
    for name in ("text-indent", "margin-left", "margin-top"):
        offset = _px(style.get(name))
        if offset is not None and offset <= -OFFSCREEN_PX:
            return shown(name)
    if style.get("position", "static") != "static":
        for name in ("left", "top", "right", "bottom"):
            offset = _px(style.get(name))
            if offset is not None and abs(offset) >= OFFSCREEN_PX:
                return f"{shown('position')}; {shown(name)}"
    if style.get("overflow") in ("hidden", "clip"):
        for name in ("height", "width", "max-height", "max-width"):
            extent = _px(style.get(name))
            if extent is not None and extent <= 1:
                return f"{shown(name)}; {shown('overflow')}"
    if re.fullmatch(r"rect\(\s*0[a-z]*(?:[\s,]+0[a-z]*){3}\s*\)", style.get("clip", "")):
        return shown("clip")
    return ""


def _hiding_rules(soup):
    """Classes and ids that the fragment's own <style> blocks hide: {(".", "x"): "display:none"}."""
    rules = {}
    for sheet in soup.find_all("style"):
        for selectors, body in _top_level_rules(sheet.get_text()):
            how = hidden_by_css(body)
            if not how:
                continue
            for selector in selectors.split(","):
                match = _SIMPLE_SELECTOR.match(selector.strip())
                if match:
                    rules[(match[1], match[2])] = f"{selector.strip()} {{{how}}}"
    return rules


def _top_level_rules(css):
    """(selectors, declarations) of each rule outside @media and other at-rule blocks."""
    css, rules, depth, start, selectors = _COMMENTS.sub("", css), [], 0, 0, ""
    for position, char in enumerate(css):
        if char == "{":
            if depth == 0:
                selectors, start = css[start:position].strip(), position + 1
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0:
                if not selectors.startswith("@"):
                    rules.append((selectors, css[start:position]))
                start = position + 1
    return rules


def _how_hidden(element, rules):
    if element.name in NEVER_SHOWN:
        return f"<{element.name}>"
    if element.has_attr("hidden"):
        return "hidden"
    how = hidden_by_css(element.get("style"))
    if how:
        return how
    for class_name in element.get("class") or []:
        if (".", class_name) in rules:
            return rules[(".", class_name)]
    return rules.get(("#", element.get("id")), "")


def hidden_elements(soup):
    """(element, how it is hidden) for each hidden element of a parsed fragment or page, outermost only (a hidden
    block inside another goes with the outer one)."""
    rules = _hiding_rules(soup)
    hidden, hidden_ids = [], set()
    for element in soup.find_all(True):
        how = element.name != "style" and _how_hidden(element, rules)
        if how and not any(id(parent) in hidden_ids for parent in element.parents):
            hidden.append((element, how))
            hidden_ids.add(id(element))
    return hidden


def describe(element, how):
    """A HiddenBlock for a hidden element: how, the start of its text, the hosts its links point to."""
    links = element.find_all("a", href=True) + ([element] if element.name == "a" and element.has_attr("href") else [])
    hosts = set()
    for link in links:
        try:
            hosts.add(urlsplit(link["href"].strip()).hostname)
        except ValueError:  # an address that is not one ("http://[x"): no host to name
            continue
    text = " ".join(element.get_text(" ").split())
    return HiddenBlock(how=how, text=text[:80], link_hosts=sorted(hosts - {None, ""}))


def remove_hidden(html):
    """`html` without its hidden elements, and a HiddenBlock for each one removed."""
    if not html or not _MAY_HIDE.search(html):
        return html, []
    soup = BeautifulSoup(html, "html.parser")
    hidden = hidden_elements(soup)
    if not hidden:
        return html, []
    removed = []
    for element, how in hidden:
        removed.append(describe(element, how))
        element.decompose()
    return str(soup), removed
