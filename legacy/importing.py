"""Importing old ward portals from web archives into a new ward site, every old address redirected.

1. Read every archived response (legacy.archive): pages are classified and read (legacy.extract), pictures
   indexed, redirects remembered.
2. Group article pages into stories: the same story under several addresses of one site, or carried by two
   old sites (same title and day, near-identical text), is one article.
3. Create or update each story through news' own importer (news.importing.ArticleImporter), pictures stored
   once by content, links to other old articles rewritten, spam links taken out; stories and their old
   addresses written BATCH at a time, each batch in one transaction (news' importer creates its new articles
   together, core.bulk), so an interrupted run keeps whole batches and goes on where it stopped.
4. Old listings answer with their category, other old pages with the home page or 410 (LegacyURL rows, read
   by legacy.middleware), and every old address is a row of the report.
"""

import csv
import difflib
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from core.importing import ImportReport, LineError
from core.models import SLUG_MAX_LENGTH
from core.text import fold, normalize_text, vn_slugify
from editorial.roles import site_collection
from images.models import PortalImage
from intake.screen import screen
from legacy.archive import ArchiveError, captures, payload_at
from legacy.extract import decode_html, extract_page
from legacy.middleware import forget
from legacy.models import LegacyHost, LegacyImage, LegacyURL
from legacy.oldurls import split_url, url_key
from news.importing import ArticleImporter, describe_hidden, describe_validation_error
from news.models import ArticlePage, CategoryPage

logger = logging.getLogger(__name__)
SAME_TEXT = 0.9  # two archived pages whose texts agree this much (same title and day) are one story
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_REDIRECT_HOPS = 5
BATCH = 200  # stories written in one transaction (and kept whole when a run is interrupted)
DEFAULT_CATEGORY = "Tin tức - Sự kiện"
REPORT_COLUMNS = ["old_url", "outcome", "new_url", "title", "date", "warnings"]
_SPAM_REASONS = {"gambling", "spam", "shortener"}


@dataclass
class Row:
    """One old address in the report."""

    old_url: str
    outcome: str  # article, redirect, gone, skipped, error
    new_url: str = ""
    title: str = ""
    date: str = ""
    warnings: list = field(default_factory=list)


@dataclass
class Story:
    """One article to be: the archived pages (captures with their Extracted) that carry it."""

    pages: list  # the page whose address becomes the article's `original_url` first

    @property
    def main(self):
        return self.pages[0]


@dataclass
class LegacyReport(ImportReport):
    rows: list = field(default_factory=list)
    redirects: int = 0
    gone: int = 0
    skipped: int = 0

    def numbers(self):
        return {**super().numbers(), "redirects": self.redirects, "gone": self.gone, "skipped": self.skipped}

    def add(self, row):
        self.rows.append(row)
        if row.outcome == "redirect":
            self.redirects += 1
        elif row.outcome == "gone":
            self.gone += 1
        elif row.outcome == "skipped":
            self.skipped += 1

    def write_csv(self, handle):
        writer = csv.writer(handle)
        writer.writerow(REPORT_COLUMNS)
        for row in self.rows:
            writer.writerow([row.old_url, row.outcome, row.new_url, row.title, row.date, " | ".join(row.warnings)])


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def _plain(html):
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())


class LegacyImporter:
    def __init__(self, site, profile, dry_run=False):
        self.site = site
        self.profile = profile
        self.dry_run = dry_run
        self.articles = ArticleImporter(default_hostname=site.hostname)
        self.report = LegacyReport()
        self.pages = []  # (Capture, Extracted) of article pages
        self.other = []  # (Capture, kind, Extracted or error or None) of every other address
        self.images = {}  # (host, path) -> Capture of an archived picture
        self.moved = {}  # (host, path) -> absolute URL an archived redirect points to
        self.hosts = set()
        self.new_urls = {}  # (host, path) -> new URL of the article it now answers with
        self.targets = {}  # (host, path) -> (LegacyURL outcome, page or None) decided in this run
        self.predicted = {}  # (host, path) -> the new URL its article will have (import_stories)
        self.home_url = site.root_url + "/"
        self._host_rows = {}
        self._categories = {}

    # 1. Reading the archives ------------------------------------------------------------------------------

    def read(self, paths, progress=None):
        seen = set()
        for path in paths:
            try:
                for capture in captures(path):
                    if progress is not None:
                        progress.update(1)
                    if (capture.host, capture.path) in seen:
                        continue  # saved twice (wget follows a link again, or noise parameters differ)
                    seen.add((capture.host, capture.path))
                    self.hosts.add(capture.host)
                    self._classify(capture)
            except ArchiveError as exc:
                self.report.refuse(path, _("không đọc được bản lưu web: %(error)s") % {"error": exc})

    def _classify(self, capture):
        host_profile = self.profile.for_host(capture.host)
        if host_profile.matches("skip_urls", capture.path):
            self.other.append((capture, "skipped", None))
        elif host_profile.matches("drop_urls", capture.path):
            self.other.append((capture, "gone", None))
        elif 300 <= capture.status < 400 and capture.location:
            self.moved[(capture.host, capture.path)] = urljoin(capture.url, capture.location)
        elif capture.status != 200:
            self.other.append((capture, "skipped", None))
        elif capture.is_image:
            self.images[(capture.host, capture.path)] = capture
        elif capture.is_html:
            try:
                html = decode_html(capture.payload, capture.content_type)
                named = host_profile.matches("article_urls", capture.path)
                extracted = extract_page(html, capture.url, host_profile, article_url=named)
            except Exception as exc:  # noqa: BLE001 - one page a parser trips on must not stop the archive
                logger.exception("legacy: reading %s failed", capture.url)
                self.other.append((capture, "error", exc))
                return
            capture.payload = b""  # read; what it says lives on in `extracted`
            if extracted.kind == "article":
                self.pages.append((capture, extracted))
                return
            kind = "listing" if host_profile.matches("listing_urls", capture.path) else extracted.kind
            self.other.append((capture, kind, extracted))
        else:
            self.other.append((capture, "skipped", None))

    # 2. Stories ------------------------------------------------------------------------------------------

    def stories(self):
        """Article pages grouped into stories, oldest first."""
        groups = {}
        for capture, extracted in self.pages:
            groups.setdefault((fold(extracted.title), _day(extracted.published)), []).append((capture, extracted))
        stories = []
        for group in groups.values():
            clusters = []
            for capture, extracted in group:
                text = _plain(extracted.body_html)
                cluster = next((c for c in clusters if _same_text(c[0], text)), None)
                if cluster is None:
                    clusters.append((text, [(capture, extracted)]))
                else:
                    cluster[1].append((capture, extracted))
            stories.extend(Story(pages=self._ordered(pages)) for _text, pages in clusters)
        stories.sort(key=lambda story: (story.main[1].published, story.main[0].url))
        return stories

    def _ordered(self, pages):
        """The page whose address an earlier run imported first (so a run with more archives finds its article),
        else the one giving a time of day, the longest text, then by address: the same choice every run."""
        urls = {capture.url[:500] for capture, _extracted in pages}
        known = set(ArticlePage.objects.filter(original_url__in=urls).values_list("original_url", flat=True))

        def rank(item):
            capture, extracted = item
            moment = timezone.localtime(extracted.published)
            untimed = (moment.hour, moment.minute) == (0, 0)
            return (capture.url[:500] not in known, untimed, -len(extracted.body_html), capture.host, capture.path)

        return sorted(pages, key=rank)

    # 3. Articles -----------------------------------------------------------------------------------------

    def import_stories(self, stories, progress=None):
        self._predict_urls(stories)
        guessed = []
        for start in range(0, len(stories), BATCH):
            batch = stories[start : start + BATCH]
            for story, done in zip(batch, self._import_batch(batch), strict=True):
                if progress is not None:
                    progress.update(1)
                if done is not None:
                    self._record_story(story, *done[1:])
                    if done[0]:
                        guessed.append((story, done[0]))
        # A link written with an address guessed before its article existed, and the article got another one
        # (its slug was taken, or it failed): written again with what is known now, guessing no more.
        self.predicted = {}
        again = [story for story, guesses in guessed if any(self.new_urls.get(key) != guess for key, guess in guesses)]
        for start in range(0, len(again), BATCH):
            self._import_batch(again[start : start + BATCH])

    def _predict_urls(self, stories):
        """The address each story's article will have (category slug / title slug), so that links to stories
        imported later in the run can be written at once; `import_stories` checks the guesses afterwards."""
        children = list(CategoryPage.objects.child_of(self.site.root_page))
        for story in stories:
            capture, extracted = story.main
            wanted = self._category_name(extracted.category)
            category = next((c for c in children if c.slug == wanted), None) or next(
                (c for c in children if fold(c.title) == fold(wanted) or c.slug == vn_slugify(wanted)), None
            )
            slug = category.slug if category is not None else vn_slugify(wanted)
            guess = f"{self.site.root_url}/{slug}/{vn_slugify(extracted.title, SLUG_MAX_LENGTH)}/"
            for c, _e in story.pages:
                self.predicted[(c.host, c.path)] = guess

    def _import_batch(self, stories):
        """Create or update the stories' articles, a batch in one transaction (an interrupted run keeps whole
        batches); for each story (guessed link targets, outcome, new URL, warnings), or None when it failed
        (reported). Should the batch as a whole fail, each of its stories is tried again alone."""
        prepared = [self._prepare(story) for story in stories]
        if self.dry_run:
            urls = [record["original_url"] for record, _w, _g in prepared]
            known = set(ArticlePage.objects.filter(original_url__in=urls).values_list("original_url", flat=True))
            return [
                (guesses, "updated" if record["original_url"] in known else "created", "", warnings)
                for record, warnings, guesses in prepared
            ]
        items = [
            (record, self._image_resolver(story.main[0].url, warnings))
            for story, (record, warnings, _g) in zip(stories, prepared, strict=True)
        ]
        try:
            with transaction.atomic():
                results = self.articles.import_batch(items, hostname=self.site.hostname)
                for story, result in zip(stories, results, strict=True):
                    if not isinstance(result, Exception):
                        for c, _e in story.pages:
                            self._remember(c, LegacyURL.Outcome.ARTICLE, result.page)
        except Exception as exc:
            if len(stories) > 1:
                logger.warning("legacy: a batch of %d stories failed (%r), each is tried alone", len(stories), exc)
                return [done for story in stories for done in self._import_batch([story])]
            if not isinstance(exc, DatabaseError):
                logger.exception("legacy: story %s failed", stories[0].main[0].url)
            results = [exc]
        done = []
        for story, (_record, warnings, guesses), result in zip(stories, prepared, results, strict=True):
            if isinstance(result, Exception):
                self._fail(story, self._reason(result))
                done.append(None)
                continue
            new_url = self._page_url(result.page)
            for c, _e in story.pages:
                self.new_urls[(c.host, c.path)] = new_url
            done.append((guesses, result.outcome, new_url, warnings))
        return done

    def _prepare(self, story):
        """The story's record for news' importer, its warnings so far and the link targets guessed."""
        capture, extracted = story.main
        warnings = [describe_hidden(block) for block in extracted.hidden]
        body, guesses = self._rewrite_links(extracted.body_html, capture.url, warnings)
        record = {
            "title": extracted.title,
            "published": timezone.localtime(extracted.published).isoformat(),
            "lead": extracted.lead,
            "body": body,
            "category": self._category_name(extracted.category),
            "source": extracted.source,
            "original_url": capture.url[:500],
        }
        others = ", ".join(c.url for c, _e in story.pages[1:] if c.host != capture.host)
        if others:
            warnings.append(_("cùng một bài với %(urls)s: gộp làm một") % {"urls": others})
        return record, warnings, guesses

    @staticmethod
    def _reason(exc):
        if isinstance(exc, ValidationError):
            return describe_validation_error(exc)
        if isinstance(exc, (LineError, DatabaseError)):
            return str(exc)
        return _("lỗi không lường trước: %(error)r") % {"error": exc}

    def _record_story(self, story, outcome, new_url, warnings):
        self.report.count(outcome)
        main = story.main[0].url
        for index, (capture, extracted) in enumerate(story.pages):
            moment = timezone.localtime(extracted.published).isoformat()
            row_warnings = warnings if index == 0 else [_("địa chỉ khác của %(url)s") % {"url": main}]
            self.report.add(Row(capture.url, "article", new_url, extracted.title, moment, row_warnings))
        self.report.notes.extend((main, warning) for warning in warnings)

    def _fail(self, story, reason):
        self.report.refuse(story.main[0].url, reason)
        for capture, extracted in story.pages:
            self.report.add(Row(capture.url, "error", title=extracted.title, warnings=[reason]))

    def _category_name(self, old_name):
        return self.profile.category_for(old_name or DEFAULT_CATEGORY) or DEFAULT_CATEGORY

    def _page_url(self, page):
        return self.site.root_url + page.url_path[len(self.site.root_page.url_path) - 1 :]

    def _rewrite_links(self, body_html, base_url, warnings):
        """Links to old articles point to their new addresses; links to gambling sites are removed, links to
        unknown domains unwrapped (their text kept); both are warnings. Returns (HTML, [(old address, guessed new
        URL)] for articles not imported yet)."""
        if "<a" not in body_html:
            return body_html, []
        soup = BeautifulSoup(body_html, "html.parser")
        guesses = []
        for link in soup.find_all("a", href=True):
            target = urljoin(base_url, link["href"].strip())
            host, path = split_url(target)
            if not host:
                continue
            if host in self.hosts:
                new = self._resolve(host, path)
                if not new and self._final(host, path) in self.predicted:
                    new = self.predicted[self._final(host, path)]
                    guesses.append((self._final(host, path), new))
                if new:
                    link["href"] = new.removeprefix(self.site.root_url)  # a path: the site may change its name
                continue
            if host == self.site.hostname or self.profile.allows_link_to(host):
                continue
            text = normalize_text(link.get_text(" "))
            flags = [flag for flag in screen(text, target) if flag.reason in _SPAM_REASONS]
            if flags:
                why = ", ".join(str(flag) for flag in flags)
                warnings.append(
                    _("đã bỏ liên kết tới %(host)s (%(why)s): “%(text)s”")
                    % {"host": host, "why": why, "text": text[:80]}
                )
                link.decompose()
            else:
                warnings.append(
                    _("đã bỏ liên kết tới tên miền lạ %(host)s, giữ chữ: “%(text)s”")
                    % {"host": host, "text": text[:80]}
                )
                link.unwrap()
        return str(soup), guesses

    def _resolve(self, host, path):
        """The new URL of the article an old address names, following archived redirects; "" when not known."""
        host, path = self._final(host, path)
        if (host, path) in self.new_urls:
            return self.new_urls[(host, path)]
        known = (
            LegacyURL.objects.filter(
                host__hostname=host, key=url_key(path), outcome=LegacyURL.Outcome.ARTICLE, page__isnull=False
            )
            .select_related("page")
            .first()
        )
        return self._page_url(known.page) if known else ""

    def _final(self, host, path):
        """Where a chain of archived redirects from (host, path) ends."""
        for _hop in range(MAX_REDIRECT_HOPS):
            if (host, path) not in self.moved:
                break
            host, path = split_url(self.moved[(host, path)])
        return host, path

    def _image_resolver(self, base_url, warnings):
        def image_for(src):
            capture = self.images.get(split_url(urljoin(base_url, src or "")))
            if capture is None:
                warnings.append(_("ảnh không có trong bản lưu, đã bỏ: %(src)s") % {"src": (src or "")[:200]})
                return None
            return self._stored_image(capture, warnings)

        return image_for

    def _stored_image(self, capture, warnings):
        data = payload_at(capture.file, capture.offset)
        if not data or len(data) > MAX_IMAGE_BYTES:
            warnings.append(_("ảnh rỗng hoặc quá lớn, đã bỏ: %(src)s") % {"src": capture.url[:200]})
            return None
        digest = hashlib.sha256(data).hexdigest()
        known = LegacyImage.objects.select_related("image").filter(digest=digest).first()
        if known is not None:
            return known.image
        name = (urlsplit(capture.url).path.rsplit("/", 1)[-1] or "anh")[-80:]
        title = normalize_text(re.sub(r"\.\w+$", "", name).replace("-", " ").replace("_", " "))
        image = PortalImage(title=(title or _("Ảnh từ cổng cũ"))[:255], collection=site_collection(self.site))
        image.file = ImageFile(io.BytesIO(data), name=name)
        try:
            with transaction.atomic():
                image.save()
                LegacyImage.objects.create(digest=digest, image=image)
        except (OSError, ValueError, DatabaseError) as exc:
            warnings.append(
                _("ảnh không đọc được, đã bỏ %(src)s: %(error)s") % {"src": capture.url[:200], "error": exc}
            )
            return None
        return image

    # 4. Every other address ------------------------------------------------------------------------------

    def settle_others(self):
        for capture, kind, extracted in self.other:
            title = getattr(extracted, "title", "")
            if kind == "skipped":
                note = (
                    [_("máy chủ cũ trả mã HTTP %(status)d") % {"status": capture.status}]
                    if capture.status != 200
                    else []
                )
                self.report.add(Row(capture.url, "skipped", warnings=note))
            elif kind == "error":
                reason = _("không đọc được trang: %(error)r") % {"error": extracted}
                self.report.refuse(capture.url, reason)
                self.report.add(Row(capture.url, "error", warnings=[reason]))
            elif kind == "gone":
                self._remember(capture, LegacyURL.Outcome.GONE, None)
                self.report.add(Row(capture.url, "gone", title=title))
            else:
                category = self._existing_category(extracted.category) if kind == "listing" else None
                if category is not None:
                    self._remember(capture, LegacyURL.Outcome.CATEGORY, category)
                    self.report.add(Row(capture.url, "redirect", self._page_url(category), title))
                else:
                    self._remember(capture, LegacyURL.Outcome.HOME, None)
                    self.report.add(Row(capture.url, "redirect", self.home_url, title))
        for capture in self.images.values():
            note = _("ảnh: vào thư viện ảnh khi một bài dùng đến; địa chỉ cũ như mọi địa chỉ không có trong bản lưu")
            self.report.add(Row(capture.url, "skipped", warnings=[note]))
        for (host, path), location in self.moved.items():
            url = f"http://{host}{path}"
            outcome, page = self.targets.get(self._final(host, path), (LegacyURL.Outcome.HOME, None))
            self._remember_path(host, path, outcome, page)
            if outcome == LegacyURL.Outcome.GONE:
                self.report.add(Row(url, "gone"))
                continue
            new_url = self._page_url(page) if page is not None else self.home_url
            if outcome == LegacyURL.Outcome.ARTICLE:
                self.report.add(Row(url, "article", self.new_urls.get(self._final(host, path), new_url)))
            else:
                self.report.add(Row(url, "redirect", new_url, warnings=[_("chuyển tới %(url)s") % {"url": location}]))

    def _existing_category(self, old_name):
        """The new site's category an old listing becomes (mapped by the profile, else by name), if it has one."""
        if not old_name:
            return None
        wanted = self._category_name(old_name)
        if wanted not in self._categories:
            children = CategoryPage.objects.child_of(self.site.root_page)
            match = children.filter(slug=wanted).first() or next(
                (c for c in children if fold(c.title) == fold(wanted) or c.slug == vn_slugify(wanted)), None
            )
            self._categories[wanted] = match
        return self._categories[wanted]

    # The redirect table ----------------------------------------------------------------------------------

    def _remember(self, capture, outcome, page):
        self._remember_path(capture.host, capture.path, outcome, page)

    def _remember_path(self, host, path, outcome, page):
        if page is not None:
            # Only what the redirect rows and the report need: a whole page holds its body and revisions, and
            # an archive of 10,000 articles would keep them all until the end of the run.
            page = Page(pk=page.pk, url_path=page.url_path)
        self.targets[(host, path)] = (outcome, page)
        if self.dry_run:
            return
        if host == self.site.hostname:
            # The new site took over this old hostname: its own pages come first, and Wagtail's redirects
            # (used only where the new site has no page) carry the old addresses, editable in the admin.
            if page is not None and len(path) <= 255:
                Redirect.objects.update_or_create(
                    site=self.site, old_path=Redirect.normalise_path(path), defaults={"redirect_page": page}
                )
            return
        legacy_host = self._host_rows.get(host)
        if legacy_host is None:
            if Site.objects.filter(hostname__iexact=host).exclude(pk=self.site.pk).exists():
                # Another ward's own hostname never becomes redirect-only because an archive holds its pages.
                self.report.refuse(host, _("tên miền này là của một trang phường, xã khác: không chuyển hướng"))
                legacy_host = self._host_rows[host] = False
            else:
                legacy_host, _created = LegacyHost.objects.get_or_create(hostname=host, defaults={"site": self.site})
                self._host_rows[host] = legacy_host
        if legacy_host is False:
            return
        LegacyURL.objects.update_or_create(
            host=legacy_host, key=url_key(path), defaults={"path": path[:2000], "outcome": outcome, "page": page}
        )

    # The whole run ---------------------------------------------------------------------------------------

    def run(self, paths, progress=None):
        """Read, group, import and settle; `progress(total)`: a context manager with `.update(1)`."""
        with progress(None) as bar:
            self.read(paths, progress=bar)
        stories = self.stories()
        with progress(len(stories)) as bar:
            self.import_stories(stories, progress=bar)
        self.settle_others()
        forget()  # this process's middleware reads the new hosts at once (others within a minute)
        return self.report


def _same_text(one, other):
    matcher = difflib.SequenceMatcher(None, one, other, autojunk=False)
    return matcher.quick_ratio() >= SAME_TEXT and matcher.ratio() >= SAME_TEXT
