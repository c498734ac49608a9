"""The files check: the deployed code, templates, translations and static files against the manifest of their
SHA-256 hashes that `manage.py integrity_manifest` writes at deploy time.

The manifest itself could be rewritten by whoever changed a file, so writing it appends its own hash to the
audit log (hash-chained, `verify_audit_log`); a manifest whose hash is not the last one logged is a finding."""

import datetime
import hashlib
import json
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from audit.models import AuditEntry
from integrity.checks import Issue
from integrity.models import Check

MANIFEST_ACTION = "integrity.manifest"
# What a deployment is made of; data, uploads and logs are not.
SUFFIXES = {
    ".py", ".html", ".txt", ".xml", ".css", ".js", ".mjs", ".json", ".svg", ".mo", ".po", ".tsv",
    ".woff", ".woff2", ".ttf", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".webp", ".map", ".gz", ".br",
    ".sh", ".toml", ".cfg", ".ini", ".conf", ".template", ".service", ".timer",
}  # fmt: skip
SKIPPED_DIRECTORIES = {".git", ".venv", "venv", "__pycache__", "node_modules", ".pytest_cache", ".ruff_cache"}
SKIPPED_DIRECTORIES |= {".cache", "backups", "results"}
MAX_LISTED = 20


def _digest(path):
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def deployed_files(roots=None):
    """{absolute path: None} of every file of the deployment under the roots, each once, sorted."""
    roots = [Path(root).resolve() for root in (roots or settings.PORTAL_INTEGRITY_ROOTS)]
    skipped = {Path(settings.MEDIA_ROOT).resolve(), Path(settings.PORTAL_INTEGRITY_MANIFEST).resolve()}
    found = set()
    for root in roots:
        if not root.is_dir():
            continue
        for directory, subdirectories, names in os.walk(root):
            subdirectories[:] = [
                name
                for name in subdirectories
                if name not in SKIPPED_DIRECTORIES and (Path(directory) / name).resolve() not in skipped
            ]
            for name in names:
                path = Path(directory) / name
                if path.suffix.lower() in SUFFIXES and path.resolve() not in skipped and path.is_file():
                    found.add(str(path.resolve()))
    return sorted(found)


def hashes(roots=None):
    return {path: _digest(path) for path in deployed_files(roots)}


def write_manifest(path=None, roots=None):
    """Write the manifest (atomically) and log its hash; return (path, number of files)."""
    path = Path(path or settings.PORTAL_INTEGRITY_MANIFEST)
    roots = [str(Path(root).resolve()) for root in (roots or settings.PORTAL_INTEGRITY_ROOTS)]
    files = hashes(roots)
    written = timezone.now().astimezone(datetime.UTC).isoformat()
    data = json.dumps({"written_at": written, "roots": roots, "files": files}, indent=0, sort_keys=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(data, encoding="utf-8")
    os.replace(temporary, path)
    audit.record(
        MANIFEST_ACTION,
        object_type="file",
        object_id=hashlib.sha256(str(path).encode()).hexdigest()[:16],
        title=str(path)[-255:],
        details={"sha256": hashlib.sha256(data.encode("utf-8")).hexdigest(), "files": len(files)},
    )
    return path, len(files)


def _issue(location, evidence, key=""):
    return Issue(Check.FILES, location, evidence, key=key)


def check_files(path=None):
    """Findings for files changed, added or missing since the manifest, and for the manifest itself."""
    path = Path(path or settings.PORTAL_INTEGRITY_MANIFEST)
    try:
        raw = path.read_bytes()
        manifest = json.loads(raw)
        expected = dict(manifest["files"])
        roots = list(manifest["roots"])
    except (OSError, ValueError, KeyError, TypeError):
        return [_issue(str(path), _("không đọc được bảng mã băm (chạy manage.py integrity_manifest khi triển khai)"))]
    found = []
    if _last_logged(path) != hashlib.sha256(raw).hexdigest():
        found.append(_issue(str(path), _("bảng mã băm khác bản đã ghi vào nhật ký hệ thống khi triển khai")))
    actual = hashes(roots)
    changed = sorted(name for name in expected.keys() & actual.keys() if expected[name] != actual[name])
    added = sorted(actual.keys() - expected.keys())
    missing = sorted(expected.keys() - actual.keys())
    for names, what in ((changed, _("đã bị sửa")), (added, _("không có khi triển khai")), (missing, _("đã bị xoá"))):
        for name in names[:MAX_LISTED]:
            found.append(_issue(name, what, key=what))
        if len(names) > MAX_LISTED:
            more = _("và %(count)d tệp khác %(what)s") % {"count": len(names) - MAX_LISTED, "what": what}
            found.append(_issue(roots[0], more, key=f"more|{what}"))
    return found


def _last_logged(path):
    entry = AuditEntry.objects.filter(action=MANIFEST_ACTION, object_title=str(path)[-255:]).order_by("-seq").first()
    return (entry.details or {}).get("sha256") if entry else None
