"""A saved copy of each site's essential pages, which nginx serves while the application servers are down.

Written per host under the output folder: `<out>/<host>` is a symbolic link to the newest complete copy
(`<out>/.<host>@<stamp>`), replaced in one rename once every file is written, so nginx never sees half a copy;
the previous copy is removed after. Inside: each page at `<path>/index.html` (links between them are the site's
own root-relative links, so they work as they are), the static and media files they name, and
`_snapshot/unavailable.html` for any other address. Every page carries a note that it is a saved copy and from
when. See docs/deploy.md, "Tạm ngừng có kế hoạch / planned maintenance".
"""

import glob
import html
import os
import re
import shutil
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from core import content
from core.local_files import file_for_url
from core.public_urls import reader_client

LATEST_ARTICLES = 20
UNAVAILABLE = "_snapshot/unavailable.html"
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_LOCAL_FILE = re.compile(r"""(?:src|href|srcset)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


class SnapshotError(Exception):
    """The copy could not be made (its home page did not render): the previous copy stays in place."""


@dataclass
class SiteSnapshot:
    host: str
    pages: list = field(default_factory=list)  # (path, title) saved
    files: set = field(default_factory=set)  # static and media URLs copied
    skipped: list = field(default_factory=list)  # (path, status) not saved


def _pages_of_kind(site, name):
    for model, kind in content.registered():
        if kind.name == name:
            return model.objects.live().public().descendant_of(site.root_page), kind
    return Page.objects.none(), None


def essential_paths(site, articles=LATEST_ARTICLES):
    """The home page, the contacts page, the documents list and the latest articles, as paths on the site."""
    root_path = site.root_page.url_path
    paths = ["/"]
    for name in ("ward_contacts", "document_list"):
        pages, _ = _pages_of_kind(site, name)
        paths += [page.url_path for page in pages.order_by("path")]
    news, kind = _pages_of_kind(site, "article")
    if kind is not None and articles > 0:
        paths += [page.url_path for page in news.order_by(f"-{kind.search.date}", "-pk")[:articles]]
    found = []
    for path in paths:
        relative = "/" + path[len(root_path) :] if path.startswith(root_path) else path
        if relative not in found:
            found.append(relative)
    return found


def saved_copy_note(moment):
    local = timezone.localtime(moment)
    return (
        '<div class="maintenance-banner" role="note"><p><strong>Bản lưu của cổng thông tin</strong></p><p>'
        f"Trang này là bản lưu lúc {local:%H:%M} ngày {local:%d/%m/%Y}, hiển thị trong thời gian cổng thông tin "
        "tạm ngừng hoạt động; nội dung mới hơn sẽ có khi cổng hoạt động trở lại.</p></div>"
    )


def _with_note(page_html, note):
    found = _BODY_OPEN.search(page_html)
    if found is None:
        return note + page_html
    return page_html[: found.end()] + note + page_html[found.end() :]


def _local_urls(page_html):
    urls = set()
    for value in _LOCAL_FILE.findall(page_html):
        for candidate in value.split(","):  # srcset: "url 2x, url 3x"
            url = html.unescape(candidate.strip().split(" ")[0]).split("?")[0].split("#")[0]
            if url.startswith((settings.STATIC_URL, settings.MEDIA_URL)) and ".." not in url:
                urls.add(url)
    return urls


def _copy_files(urls, target, saved):
    pending = list(urls)
    while pending:
        url = pending.pop()
        if url in saved:
            continue
        source = file_for_url(url)
        if source is None:
            continue
        destination = target / url.lstrip("/")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        saved.add(url)
        if source.suffix == ".css":  # its fonts and images, named relative to the stylesheet
            for reference in _CSS_URL.findall(source.read_text(encoding="utf-8", errors="replace")):
                if reference.startswith(("data:", "http:", "https:", "//", "#")):
                    continue
                joined = os.path.normpath(os.path.join(os.path.dirname(url), reference.split("?")[0]))
                if joined.startswith(settings.STATIC_URL):
                    pending.append(joined)


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _replace_link(out, host, version):
    """Point <out>/<host> at `version` in one rename, then remove the copies it no longer names."""
    link = out / host
    if link.exists() and not link.is_symlink():
        raise SnapshotError(
            _("%(path)s không phải liên kết do lệnh này tạo; hãy xoá hoặc đổi tên trước.") % {"path": link}
        )
    temporary = out / f".{host}@link-{os.getpid()}"
    if temporary.is_symlink():
        temporary.unlink()
    temporary.symlink_to(version.name)
    os.replace(temporary, link)
    for old in out.glob(f".{glob.escape(host)}@*"):
        if old.name != version.name and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)


def export_site(site, out, articles=LATEST_ARTICLES, now=None):
    now = now or timezone.now()
    host = site.hostname.lower()
    result = SiteSnapshot(host)
    out.mkdir(parents=True, exist_ok=True)
    version = out / f".{host}@{now:%Y%m%d%H%M%S}-{time.monotonic_ns()}"
    version.mkdir()
    try:
        client, secure = reader_client(site)
        note = saved_copy_note(now)
        for path in essential_paths(site, articles):
            response = client.get(path, secure=secure)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                result.skipped.append((path, response.status_code))
                if path == "/":
                    raise SnapshotError(_("trang chủ trả về mã %(status)s") % {"status": response.status_code})
                continue
            page_html = response.content.decode("utf-8")
            title = _TITLE.search(page_html)
            title = html.unescape(title.group(1).strip()) if title else path
            _write(version / path.lstrip("/") / "index.html", _with_note(page_html, note))
            _copy_files(_local_urls(page_html), version, result.files)
            result.pages.append((path, title))
        unavailable = render_to_string(
            "maintenance/snapshot_unavailable.html",
            {"portal_title": result.pages[0][1], "note": note, "pages": result.pages[1:], "host": host},
        )
        _write(version / UNAVAILABLE, unavailable)
        _copy_files(_local_urls(unavailable), version, result.files)
        for tree in (version, *[p for p in version.rglob("*") if p.is_dir()]):
            tree.chmod(0o755)  # nginx's workers run as another user
        for item in version.rglob("*"):
            if item.is_file():
                item.chmod(0o644)
        _replace_link(out, host, version)
    except BaseException:
        shutil.rmtree(version, ignore_errors=True)
        raise
    return result
