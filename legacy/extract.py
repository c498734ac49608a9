"""Reading one archived HTML page: is it an article, a listing or something else, and what does it say.

trafilatura finds the story among menus, portlets and footers; our own reader of Vietnamese dates (legacy.dates)
comes before htmldate's; a profile (legacy.profile) names the parts where a vendor's template fools both. Hidden
blocks are taken out of the story before anything else reads it, and are reported (core.hidden), since defacers
planted links that way.
"""

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import htmldate
import trafilatura
from bs4 import BeautifulSoup, UnicodeDammit
from django.utils import timezone

from core.hidden import remove_hidden
from core.text import normalize_text
from legacy.dates import VIETNAM, count_dates, parse_vietnamese_date
from legacy.oldurls import host_of
from legacy.profile import normalize_category

MAX_HTML_BYTES = 5 * 1024 * 1024
# trafilatura logs each page it finds too short or empty; the import's report already says what every page became.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)
LISTING_LINKS = 5  # a page with this many story links and dates is a list of stories
PARAGRAPH_TEXT = 150  # the story's element holds at least this much paragraph text
_DATE_HINT = re.compile(r"date|time|ngay|publish|posted|created|meta|info", re.I)
_LEAD_HINT = re.compile(r"sapo|lead|summary|tomtat|description|intro|excerpt", re.I)
_CRUMB_HINT = re.compile(r"breadcrumb|duong-?dan|path|crumb", re.I)
_SOURCE_LINE = re.compile(r"^\s*(?:Nguồn|Theo)\s*[:：]?\s*(.{2,200}?)\s*\.?\s*$", re.I)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{3,}$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


@dataclass
class Extracted:
    kind: str  # "article", "listing" or "other"
    title: str = ""
    published: object = None  # aware datetime in Vietnam time
    lead: str = ""
    body_html: str = ""
    category: str = ""
    source: str = ""
    hidden: list = field(default_factory=list)  # core.hidden.HiddenBlock
    warnings: list = field(default_factory=list)


def decode_html(payload, content_type=""):
    """Text of an HTML payload: the charset its header or <meta> declares, else guessed; no NUL or surrogates."""
    declared = re.search(r"charset=([\w-]+)", content_type or "", re.I)
    dammit = UnicodeDammit(payload[:MAX_HTML_BYTES], [declared[1]] if declared else [], is_html=True)
    text = dammit.unicode_markup or payload[:MAX_HTML_BYTES].decode("utf-8", "replace")
    return _CONTROL.sub(" ", text)


def _text(element):
    return normalize_text(element.get_text(" ")) if element is not None else ""


def _select(soup, selector):
    try:
        return soup.select_one(selector) if selector else None
    except Exception:  # noqa: BLE001 - soupsieve refuses some selectors only when used; the profile said it, not us
        return None


def _title(soup, selectors):
    element = _select(soup, selectors.get("title")) or soup.find("h1")
    title = _text(element)
    if not title:
        meta = soup.find("meta", property="og:title")
        title = normalize_text(meta.get("content", "")) if meta else ""
    if not title and soup.title:
        title = _TITLE_SUFFIX.sub("", _text(soup.title))
    return title[:255]


def _date(soup, selectors, html):
    """Publication moment: the profile's element, else elements that look like a date line, else htmldate."""
    now = timezone.now()
    element = _select(soup, selectors.get("date"))
    candidates = [element] if element is not None else []
    candidates += [
        tag
        for tag in soup.find_all(["span", "div", "p", "time", "small", "em", "i", "li", "td"], limit=3000)
        if _DATE_HINT.search(" ".join([*tag.get("class", []), tag.get("id", "")])) and len(_text(tag)) < 200
    ]
    for tag in candidates:
        moment = parse_vietnamese_date(tag.get("datetime") or _text(tag), latest=now)
        if moment:
            return moment
    found = htmldate.find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d %H:%M")
    if found:
        moment = parse_vietnamese_date(found.replace(" 00:00", ""), latest=now)
        if moment:
            return moment.astimezone(VIETNAM)
    return None


def _category(soup, selectors):
    element = _select(soup, selectors.get("category"))
    if element is not None:
        return normalize_category(_text(element))
    for crumbs in soup.find_all(["ul", "ol", "div", "nav", "p"], limit=2000):
        if _CRUMB_HINT.search(" ".join([*crumbs.get("class", []), crumbs.get("id", "")])):
            links = [_text(a) for a in crumbs.find_all("a")]
            names = [n for n in links if n and n.lower() not in ("trang chủ", "home", "trang chu")]
            if names:
                return normalize_category(names[-1])
    tagged = soup.find("a", rel="category")
    if tagged is not None:
        return normalize_category(_text(tagged))
    meta = soup.find("meta", property="article:section")
    return normalize_category(meta.get("content", "")) if meta else ""


def _container(soup, selectors, title, story_text):
    """The element holding the story: the profile's; else the nearest one around the headline that holds
    paragraphs of text; else the smallest one holding the story's first and last paragraphs as trafilatura read
    them."""
    element = _select(soup, selectors.get("article"))
    if element is not None:
        return element
    heading = next((h for h in soup.find_all(["h1", "h2"]) if _text(h) == title), None)
    if heading is not None:
        for parent in heading.parents:
            if parent.name in ("body", "html", "form"):
                break
            if sum(len(_text(p)) for p in parent.find_all("p")) >= PARAGRAPH_TEXT:
                return parent
    paragraphs = [p.strip() for p in story_text.split("\n") if len(p.strip()) > 20]
    if not paragraphs:
        return None
    first, last = paragraphs[0][:60], paragraphs[-1][:60]
    best = None
    for tag in soup.find_all(["div", "article", "section", "td", "main"]):
        text = " ".join(tag.get_text(" ").split())
        if first in text and last in text and (best is None or len(text) < best[0]):
            best = (len(text), tag)
    return best[1] if best else None


def _figures_as_paragraphs(fragment):
    """<figure><img><figcaption> as the image paragraph and the italic caption line most old portals write,
    which trafilatura keeps (it drops figures)."""
    for figure in fragment.find_all("figure"):
        image = figure.find("img")
        caption = figure.find("figcaption")
        if image is None:
            figure.unwrap()
            continue
        replacement = fragment.new_tag("div")
        holder = fragment.new_tag("p")
        holder.append(image.extract())
        replacement.append(holder)
        if caption is not None and _text(caption):
            line = fragment.new_tag("p")
            emphasis = fragment.new_tag("em")
            emphasis.string = _text(caption)
            line.append(emphasis)
            replacement.append(line)
        figure.replace_with(replacement)


def _story_html(container_html, url, selectors):
    fragment = BeautifulSoup(container_html, "lxml")
    body = _select(fragment, selectors.get("body"))
    _figures_as_paragraphs(body or fragment)
    if body is not None:
        for image in body.find_all("img", src=True):
            image["src"] = urljoin(url, image["src"])
        for link in body.find_all("a", href=True):
            link["href"] = urljoin(url, link["href"])
        return body.decode_contents()
    return (
        trafilatura.extract(
            f"<html><body><article>{fragment.body.decode_contents() if fragment.body else ''}</article></body></html>",
            url=url,
            output_format="html",
            include_images=True,
            include_tables=True,
            include_links=True,
            include_formatting=True,
            include_comments=False,
            favor_recall=True,
        )
        or ""
    )


def _take_lead_and_source(body, title, selectors, soup):
    """Lead and source line out of the story's HTML: (lead, source, body HTML without them or the title)."""
    fragment = BeautifulSoup(body, "lxml")
    root = fragment.body or fragment
    for heading in root.find_all(["h1", "h2"]):
        if _text(heading) == title:
            heading.decompose()
    lead = ""
    chosen = _select(soup, selectors.get("lead"))
    if chosen is not None:
        lead = _text(chosen)
    paragraphs = root.find_all("p")
    for paragraph in paragraphs[:3]:
        text = _text(paragraph)
        if not text:
            continue
        hinted = _LEAD_HINT.search(" ".join(paragraph.get("class", [])))
        emphasised = paragraph.find(["strong", "b"])
        bold = emphasised is not None and _text(emphasised) == text
        if (lead and text == lead) or (not lead and (hinted or bold)):
            lead = text
            paragraph.decompose()
            break
        if parse_vietnamese_date(text) and len(text) < 80:
            paragraph.decompose()  # the date line trafilatura kept
    source = ""
    chosen = _select(soup, selectors.get("source"))
    if chosen is not None:
        source = _text(chosen)
    for paragraph in reversed(root.find_all("p")[-3:]):
        match = _SOURCE_LINE.match(_text(paragraph))
        if match:
            source = source or match[1]
            paragraph.decompose()
            break
    source = re.sub(r"^(?:Nguồn|Theo)\s*[:：]?\s*", "", source, flags=re.I)
    return lead, source[:255], root.decode_contents().strip()


def _story_links(soup, host):
    """Links on the page to other pages of its own site with a headline's length: a listing's entries."""
    count = 0
    for link in soup.find_all("a", href=True):
        if link.find_parent(["nav", "header", "footer"]) is not None:
            continue
        target = host_of(urljoin(f"http://{host}/", link["href"]))
        if target == host and len(_text(link)) >= 25:
            count += 1
    return count


def extract_page(html, url, host_profile, article_url=False):
    """What the page at `url` is and says (Extracted). `article_url`: the profile says it is an article's
    address, so it is never taken for a listing and a short story is still one."""
    soup = BeautifulSoup(html, "lxml")
    selectors = host_profile.selectors
    title = _title(soup, selectors)
    host = host_of(url)
    story = trafilatura.extract(html, url=url, include_comments=False, include_tables=True, favor_recall=True) or ""
    page_text = _text(soup.body) if soup.body else ""
    if (
        not article_url
        and count_dates(page_text) >= LISTING_LINKS - 1
        and _story_links(soup, host) >= LISTING_LINKS
        and _select(soup, selectors.get("article")) is None
    ):
        name = _category(soup, selectors) or _text(soup.find("h1"))
        return Extracted(kind="listing", title=title, category=normalize_category(name))
    container = _container(soup, selectors, title, story)
    if container is None or not title:
        return Extracted(kind="other", title=title)
    published = _date(soup, selectors, html)
    visible, hidden = remove_hidden(str(container))
    body = _story_html(visible, url, selectors)
    lead, source, body = _take_lead_and_source(body, title, selectors, soup)
    text_length = len(normalize_text(BeautifulSoup(body, "lxml").get_text(" ")))
    if published is None or text_length + len(lead) < (0 if article_url else host_profile.min_text):
        return Extracted(kind="other", title=title)
    return Extracted(
        kind="article",
        title=title,
        published=published,
        lead=lead,
        body_html=body,
        category=_category(soup, selectors),
        source=source,
        hidden=hidden,
    )
