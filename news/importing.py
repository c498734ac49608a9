"""Importing articles from JSON Lines: one article per line, each in its own transaction."""

import datetime
import html
import logging
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.rich_text import RichText

from core import indexing
from core.bulk import NewPages
from core.importing import ImportReport, LineError, decode_line, parse_json_line
from core.sanitize import sanitize
from core.text import fold, normalize_html, normalize_text, vn_slugify
from news.models import ArticlePage, CategoryPage
from pagecache import signals as pagecache

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# Inline and hiding elements count too: `<span hidden>…</span>` read as plain text would show its markup.
_LOOKS_LIKE_HTML = re.compile(
    r"<(p|br|div|span|font|section|article|h[1-6]|ul|ol|li|table|strong|em|b|i|a|img|figure|blockquote"
    r"|noscript|template|style)\b",
    re.I,
)
_SLUG_LIKE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LEAD_FROM_BODY_CHARS = 300
logger = logging.getLogger(__name__)


@dataclass
class Imported:
    """What became of one record: 'created', 'updated' or 'unchanged', its page, the hidden blocks left out."""

    outcome: str
    page: ArticlePage
    hidden: list


def parse_published(value):
    if not value or not isinstance(value, str):
        raise LineError(_("thiếu ngày đăng (published)"))
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise LineError(_("ngày đăng không đúng định dạng ISO 8601: %(value)s") % {"value": value[:40]}) from None
    if moment.tzinfo is None:
        # A date without offset is Vietnam's local time, as legacy portals write it.
        moment = moment.replace(tzinfo=VIETNAM)
    return moment


def body_to_html(body):
    """Sanitised HTML for a body given as HTML or as plain text with blank-line paragraphs, and the hidden
    blocks (core.hidden.HiddenBlock) left out of it."""
    body = body or ""
    if _LOOKS_LIKE_HTML.search(body):
        result = sanitize(body)
        return normalize_html(result.html).strip(), result.hidden
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if p.strip()]
    text = "".join(
        "<p>" + "<br/>".join(html.escape(normalize_text(line)) for line in p.split("\n")) + "</p>" for p in paragraphs
    )
    return text, []


def _caption_of(element):
    """The text of a paragraph that is nothing but an italic line (the caption under a photo), else None."""
    if getattr(element, "name", None) != "p":
        return None
    emphasis = element.find(["em", "i"])
    text = normalize_text(element.get_text(" "))
    if emphasis is None or not text or len(text) > 255 or normalize_text(emphasis.get_text(" ")) != text:
        return None
    return text


def _lone_image(element):
    """The <img> an element is (or is nothing but), else None."""
    if getattr(element, "name", None) == "img":
        return element
    if getattr(element, "name", None) in ("p", "div", "figure") and not element.get_text(strip=True):
        images = element.find_all("img")
        return images[0] if len(images) == 1 else None
    return None


def _table_value(table):
    rows = [[normalize_text(cell.get_text(" ")) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]
    rows = [row for row in rows if any(row)]
    width = max((len(row) for row in rows), default=0)
    first = table.find("tr")
    return {
        "data": [row + [""] * (width - len(row)) for row in rows],
        "first_row_is_table_header": bool(first and first.find("th") and not first.find("td")),
        "first_col_is_header": False,
        "table_caption": "",
    }


def body_blocks(body_html, image_for=None):
    """The body as StreamField blocks: one paragraph block, or, when `image_for(src)` can give a Wagtail image
    for a picture, paragraphs, photos with their captions and tables in the body's order (a picture it cannot
    give is left out)."""
    if not body_html:
        return []
    if image_for is None:
        return [("paragraph", RichText(body_html))]
    blocks, pending = [], []

    def flush():
        text = normalize_html("".join(pending).strip())
        if text_of(text):
            blocks.append(("paragraph", RichText(text)))
        pending.clear()

    nodes = list(BeautifulSoup(body_html, "html.parser").contents)
    index = 0
    while index < len(nodes):
        node = nodes[index]
        index += 1
        picture = _lone_image(node)
        if picture is not None:
            flush()
            image = image_for(picture.get("src", ""))
            caption = _caption_of(nodes[index]) if index < len(nodes) else None
            if caption is None and index + 1 < len(nodes) and not str(nodes[index]).strip():
                caption = _caption_of(nodes[index + 1])
                index += 1 if caption is not None else 0
            if caption is not None:
                index += 1
            if image is not None:
                blocks.append(("image", {"image": image, "caption": caption or normalize_text(picture.get("alt", ""))}))
            continue
        if getattr(node, "name", None) == "table":
            flush()
            blocks.append(("table", _table_value(node)))
            continue
        pending.append(str(node))
    flush()
    return blocks


def blocks_signature(blocks):
    """What a body's blocks say, comparable between a stored body and one about to be written."""
    signature = []
    for item in blocks:
        kind, value = (item.block_type, item.value) if hasattr(item, "block_type") else item
        if kind == "paragraph":
            signature.append((kind, normalize_html(str(value.source))))
        elif kind == "image":
            signature.append((kind, getattr(value["image"], "pk", None), value.get("caption") or ""))
        elif kind == "table":
            signature.append(
                (kind, [list(row) for row in value.get("data") or []], bool(value.get("first_row_is_table_header")))
            )
        else:
            signature.append((kind, str(value)))
    return signature


def describe_hidden(block):
    """One removed hidden block, for the operator."""
    message = _("đã bỏ khối bị ẩn (%(how)s): “%(text)s”") % {"how": block.how, "text": block.text or "…"}
    if block.link_hosts:
        message += _(", có liên kết tới %(hosts)s") % {"hosts": ", ".join(block.link_hosts)}
    return message


def describe_validation_error(exc):
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items())
    return " ".join(exc.messages)


def text_of(html_fragment):
    return normalize_text(re.sub(r"<[^>]+>", " ", html.unescape(html_fragment or "")))


class ArticleImporter:
    def __init__(self, default_hostname=None):
        self.default_hostname = default_hostname
        self._sites = {}

    # Finding where an article goes -------------------------------------------------

    def site_for(self, hostname):
        hostname = hostname or self.default_hostname
        if hostname not in self._sites:
            if hostname:
                site = Site.objects.filter(hostname__iexact=hostname).select_related("root_page").first()
            else:
                site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            self._sites[hostname] = site
        site = self._sites[hostname]
        if site is None:
            raise LineError(_("không có trang phường, xã nào với tên miền %(host)s") % {"host": hostname or "?"})
        return site

    def category_for(self, home, value):
        value = normalize_text(value or "")
        if not value:
            raise LineError(_("thiếu chuyên mục (category)"))
        children = CategoryPage.objects.child_of(home)
        match = children.filter(slug=value).first()
        if match is None:
            folded = fold(value)
            match = next((c for c in children if fold(c.title) == folded or c.slug == vn_slugify(value)), None)
        if match is None:
            title = value.replace("-", " ").capitalize() if _SLUG_LIKE.match(value) else value
            match = CategoryPage(title=title, slug=vn_slugify(value), show_in_menus=True)
            home.add_child(instance=match)
            match.save_revision().publish()
        return match

    # One record ---------------------------------------------------------------------

    def clean_record(self, record):
        if not isinstance(record, dict):
            raise LineError(_("mỗi dòng phải là một đối tượng JSON"))
        title = normalize_text(record.get("title") or "") if isinstance(record.get("title"), str) else ""
        if not title:
            raise LineError(_("thiếu tiêu đề (title)"))
        if len(title) > 255:
            raise LineError(_("tiêu đề dài quá 255 ký tự"))
        body = record.get("body") or ""
        if not isinstance(body, str):
            raise LineError(_("nội dung (body) phải là chuỗi"))
        body_html, hidden = body_to_html(body)
        lead = record.get("lead")
        lead = normalize_text(lead, multiline=True) if isinstance(lead, str) else ""
        if not lead:
            lead = text_of(body_html)[:LEAD_FROM_BODY_CHARS].rsplit(" ", 1)[0]
        tags = record.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise LineError(_("từ khoá (tags) phải là danh sách chuỗi"))
        original_url = record.get("original_url") or ""
        if not isinstance(original_url, str) or (original_url and not original_url.startswith(("http://", "https://"))):
            raise LineError(_("địa chỉ cũ (original_url) phải là URL http(s)"))
        return {
            "title": title,
            "published_at": parse_published(record.get("published")),
            "lead": lead,
            "body_html": body_html,
            "source": normalize_text(str(record.get("source") or ""))[:255],
            "source_url": str(record.get("source_url") or "")[:200],
            "tags": sorted({normalize_text(t)[:100] for t in tags if normalize_text(t)}),
            "original_url": original_url[:500],
            "featured": record.get("featured") is True,
            "hidden": hidden,
        }

    def find_existing(self, home, category, data):
        if data["original_url"]:
            found = ArticlePage.objects.descendant_of(home).filter(original_url=data["original_url"]).first()
            if found:
                return found
            return None
        return ArticlePage.objects.child_of(category).filter(slug=vn_slugify(data["title"])).first()

    def import_record(self, record, hostname=None, hidden=None, image_for=None):
        """Create or update one article; returns 'created', 'updated' or 'unchanged'. Hidden blocks left out
        of the body are added to the list `hidden`, when given. `image_for(src)`: the Wagtail image for a
        picture in the body (legacy portals' archives), which then becomes a photo block (body_blocks)."""
        result = self.import_batch([(record, image_for)], hostname=hostname)[0]
        if isinstance(result, Exception):
            raise result
        if hidden is not None:
            hidden.extend(result.hidden)
        return result.outcome

    def import_batch(self, items, hostname=None):
        """Create or update the articles of `items`, (record, image_for) pairs, in one transaction; returns for
        each an Imported or the exception (LineError, ValidationError, DatabaseError) that refused it, whose
        own writes are rolled back while the others go on. New articles are written together
        (core.bulk.NewPages), existing ones updated one by one. Any other exception rolls the whole batch
        back. Commands only (one thread): Wagtail's indexes follow each article once, not after each save."""
        results, created, categories = [], {}, {}
        new = NewPages()
        with transaction.atomic(), indexing.once_per_object(), pagecache.deferred():
            for record, image_for in items:
                try:
                    with transaction.atomic():
                        results.append(self._import_one(record, hostname, image_for, new, categories, created))
                except (LineError, ValidationError, DatabaseError) as exc:
                    results.append(exc)
            new.publish()
        return results

    def _import_one(self, record, hostname, image_for, new, categories, created):
        data = self.clean_record(record)
        data["blocks"] = body_blocks(data["body_html"], image_for)
        site = self.site_for(record.get("site") if isinstance(record.get("site"), str) else hostname)
        home = site.root_page
        key = (home.pk, record.get("category"))
        category = categories.get(key) or self.category_for(home, record.get("category"))
        page = self.find_existing(home, category, data)
        if page is None and data["original_url"] in created:
            raise LineError(_("bài này đã có trong cùng đợt nhập (original_url trùng)"))
        if page is None:
            page = ArticlePage(title=data["title"])
            self.apply(page, data)
            new.place(page, category)
            if data["original_url"]:
                created[data["original_url"]] = page
            categories[key] = category  # kept once its record stands (a category made for a refused one is not)
            return Imported("created", page, data["hidden"])
        categories[key] = category
        if not self.differs(page, category, data):
            return Imported("unchanged", page, data["hidden"])
        if page.get_parent().pk != category.pk:
            page.move(category, pos="last-child")
            page.refresh_from_db()
        self.apply(page, data)
        page.save_revision().publish()
        return Imported("updated", page, data["hidden"])

    @staticmethod
    def apply(page, data):
        page.title = data["title"]
        page.published_at = data["published_at"]
        page.lead = data["lead"]
        page.body = data["blocks"] if "blocks" in data else body_blocks(data["body_html"])
        page.source = data["source"]
        page.source_url = data["source_url"]
        page.original_url = data["original_url"]
        page.featured = data["featured"]
        page.tags.set(data["tags"], clear=True)

    @staticmethod
    def differs(page, category, data):
        blocks = data["blocks"] if "blocks" in data else body_blocks(data["body_html"])
        return any(
            [
                page.get_parent().pk != category.pk,
                page.title != data["title"],
                page.published_at != data["published_at"],
                page.lead != data["lead"],
                blocks_signature(page.body) != blocks_signature(blocks),
                page.source != data["source"],
                page.source_url != data["source_url"],
                page.featured != data["featured"],
                sorted(t.name for t in page.tags.all()) != data["tags"],
            ]
        )

    # A whole file -------------------------------------------------------------------

    def import_lines(self, lines, hostname=None, progress=None):
        """Import each (line number, bytes or text) as one record (core.importing.read_lines); a bad line is
        reported with its number and leaves nothing behind, the others are imported. Hidden blocks left out of
        a body are the report's notes."""
        report = ImportReport()
        for number, line in lines:
            if progress is not None:
                progress.update(1)
            try:
                line = decode_line(line)
                if not line.strip():
                    continue
                record = parse_json_line(line)
                hidden = []
                outcome = self.import_record(record, hostname=hostname, hidden=hidden)
            except LineError as exc:
                report.refuse(number, exc)
                continue
            except ValidationError as exc:
                report.refuse(number, describe_validation_error(exc))
                continue
            except DatabaseError as exc:
                report.refuse(number, _("lỗi cơ sở dữ liệu: %(error)s") % {"error": exc})
                continue
            except Exception as exc:
                # Whatever else one record trips on, its transaction is rolled back and the run goes on.
                logger.exception("import: line %d failed", number)
                report.refuse(number, _("lỗi không lường trước: %(error)r") % {"error": exc})
                continue
            report.count(outcome)
            report.notes.extend((number, describe_hidden(block)) for block in hidden)
        return report
