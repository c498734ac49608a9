"""The page checks of `check_integrity`: what each live page of a site shows a reader, and whether its stored
content is still the revision that was approved. Files and cloaking have their own modules."""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.models import Page

from audit.chain import Action
from audit.models import AuditEntry
from core.public_urls import reader_client
from integrity.models import Check, LinkConfirmation
from integrity.scan import Scanner

# Page fields that change without a new revision (the tree, publishing state, locks) or that a revision does
# not decide; everything else a revision holds must match the live row.
BOOKKEEPING = {
    "id", "page_ptr", "path", "depth", "numchild", "translation_key", "locale", "content_type", "live",
    "has_unpublished_changes", "first_published_at", "last_published_at", "live_revision", "latest_revision",
    "latest_revision_created_at", "go_live_at", "expire_at", "expired", "locked", "locked_at", "locked_by",
    "draft_title", "url_path", "owner", "alias_of",
}  # fmt: skip
EVIDENCE_CHARS = 300


@dataclass(frozen=True)
class Issue:
    """One finding before it is stored: the check, where (a page's address or a file), what was seen."""

    check: str
    location: str
    evidence: str
    site_id: int | None = None
    page_id: int | None = None
    key: str = ""  # what tells this finding from others of the page (a host, field names); else the evidence

    def fingerprint(self):
        parts = [str(self.site_id), str(self.page_id), self.check, self.location, self.key or self.evidence]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def live_pages(site):
    return Page.objects.live().descendant_of(site.root_page, inclusive=True).order_by("path")


def confirmed_hosts(site):
    """{page id: hosts an administrator confirmed in the approval step}."""
    confirmed = {}
    rows = LinkConfirmation.objects.filter(page__path__startswith=site.root_page.path)
    for page_id, hosts in rows.values_list("page_id", "hosts"):
        confirmed.setdefault(page_id, set()).update(hosts)
    return confirmed


def rendered_issues(site, scanner, page, html, confirmed=frozenset()):
    """Outside links, hidden blocks linking off the install and gambling terms on one rendered page."""
    scan = scanner.page(html)
    location = page_address(site, page)
    found = []
    for host, links in sorted(scan.links.items()):
        if host not in confirmed:
            evidence = _("liên kết đến %(host)s: %(links)s") % {"host": host, "links": ", ".join(links[:3])}
            found.append(Issue(Check.LINKS, location, evidence[:EVIDENCE_CHARS], site.pk, page.pk, host))
    for block in scan.hidden:
        hosts = [host for host in block.link_hosts if host not in confirmed]
        if hosts:
            evidence = _("khối ẩn (%(how)s) chứa liên kết đến %(hosts)s: “%(text)s”") % {
                "how": block.how,
                "hosts": ", ".join(hosts),
                "text": block.text,
            }
            key = f"{block.how}|{','.join(hosts)}"
            found.append(Issue(Check.HIDDEN, location, evidence[:EVIDENCE_CHARS], site.pk, page.pk, key))
    if scan.terms:
        evidence = _("từ ngữ cờ bạc: %(terms)s") % {"terms": ", ".join(f"“{term}”" for term in scan.terms)}
        found.append(Issue(Check.GAMBLING, location, evidence[:EVIDENCE_CHARS], site.pk, page.pk))
    return found


def page_address(site, page):
    path = page.url_path
    root = site.root_page.url_path
    return "/" + path[len(root) :] if path.startswith(root) else path


def check_rendered(site, pages=None):
    """Render every live page of `site` as an anonymous reader gets it (middleware and page cache included)."""
    scanner, confirmed = Scanner.for_site(site), confirmed_hosts(site)
    client, secure = reader_client(site)
    # Rendered from the database as it is now: a session cookie (of no session: still an anonymous reader) makes
    # the page cache step aside, whose copy would show a tampered row only once it expires.
    client.cookies[settings.SESSION_COOKIE_NAME] = "integrity-check"
    # Likewise the rendered parts this process keeps (keyed by revision, so a row edited in place would hit).
    caches["fragments"].clear()
    found = []
    for page in pages if pages is not None else live_pages(site):
        response = client.get(page_address(site, page), secure=secure)
        # Redirects (a week page to its schedule), pages behind a login: nothing of theirs is shown here.
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode(response.charset or "utf-8", errors="replace")
        found += rendered_issues(site, scanner, page, html, confirmed.get(page.pk, frozenset()))
    return found


def content_fields(model):
    """The fields a revision decides: not the bookkeeping, not a parent link, not a time the save stamps."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in BOOKKEEPING
        and not (field.one_to_one and field.remote_field.parent_link)
        and not (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
    ]


def _stored_originals(model):
    from modeltranslation.fields import TranslationFieldDescriptor

    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(getattr(model, field.name, None), TranslationFieldDescriptor)
    ]


def _normal(field, raw):
    """A field's value as stored in a revision's JSON, in a form that compares equal however it was written
    (9.5 and "9.50", a time with or without its zone)."""
    if isinstance(field, StreamField):
        return json.loads(raw) if isinstance(raw, str) else raw
    try:
        return field.to_python(raw)
    except (ValidationError, TypeError, ValueError):
        return raw


def _row(fields, data):
    return tuple(_normal(field, data.get(field.name)) for field in fields)


def changed_fields(page):
    """The names of the fields (and inline relations) where the live `page` (specific) differs from its latest
    approved revision; ["live_revision"] when it has none. Both sides are read as revision JSON, so no page is
    rebuilt from its revision (10,000 pages in a run)."""
    revision = page.live_revision
    if revision is None:
        return ["live_revision"]
    approved = revision.content
    live = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
    model = type(page)
    # A per-language field's original column (`title`) serialises as its Vietnamese one (`title_vi`): compare
    # the column as stored too, so an edit of either in the database shows.
    for name in _stored_originals(model):
        if name in page.__dict__:
            live[name] = page.__dict__[name]
    changed = [
        field.name
        for field in content_fields(model)
        if _normal(field, live.get(field.name)) != _normal(field, approved.get(field.name))
    ]
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        fields = [field for field in content_fields(relation.related_model) if field.name != relation.field.name]
        rows = [[_row(fields, row) for row in side.get(name) or []] for side in (live, approved)]
        if rows[0] != rows[1]:
            changed.append(name)
    return changed


def published_revisions(site):
    """{page id: the revision its last publish wrote to the audit log} for the site's pages. The log is
    hash-chained (verify_audit_log), so a revision row forged in the database and made live shows here."""
    published = {}
    entries = AuditEntry.objects.filter(action=Action.PUBLISH, site_id=site.pk).order_by("seq")
    for object_id, details in entries.values_list("object_id", "details").iterator(chunk_size=2000):
        revision = (details or {}).get("revision")
        if revision is not None and not (details or {}).get("go_live_at"):
            published[object_id] = revision
    return published


def check_changed(site):
    """Every live page below the site's root (the home page too) against its latest approved revision: the one
    its last publish logged (pages published before the audit log existed: the live revision)."""
    found = []
    published = published_revisions(site)
    pages = live_pages(site).select_related("live_revision").specific()
    for page in pages:
        logged = published.get(str(page.pk))
        if logged is not None and page.live_revision_id != logged:
            changed = ["live_revision"]
            evidence = _("phiên bản đang hiển thị (số %(live)s) không phải phiên bản xuất bản lần cuối (số %(logged)s)")
            evidence %= {"live": page.live_revision_id, "logged": logged}
        else:
            changed = changed_fields(page)
            if not changed:
                continue
            if changed == ["live_revision"]:
                evidence = _("trang đang hiển thị nhưng không có phiên bản nào được duyệt")
            else:
                evidence = _("nội dung đang hiển thị khác phiên bản đã duyệt (số %(revision)s) ở: %(fields)s") % {
                    "revision": page.live_revision_id,
                    "fields": ", ".join(changed),
                }
        found.append(Issue(Check.CHANGED, page_address(site, page), evidence, site.pk, page.pk, ",".join(changed)))
    return found
