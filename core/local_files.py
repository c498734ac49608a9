"""The file on this machine behind a static or media URL: for what copies pages with their files (the saved
copy of maintenance.snapshot, the PDFs of archive.render), without asking the web server for them."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders


def file_for_url(url):
    """The file behind a root-relative static or media URL (no query or fragment), or None: not one of them,
    not there, or climbing out of its folder."""
    if ".." in url.split("/"):
        return None
    if url.startswith(settings.MEDIA_URL):
        path = Path(settings.MEDIA_ROOT) / url[len(settings.MEDIA_URL) :]
        return path if path.is_file() else None
    if not url.startswith(settings.STATIC_URL):
        return None
    relative = url[len(settings.STATIC_URL) :]
    collected = Path(settings.STATIC_ROOT) / relative
    if collected.is_file():
        return collected
    found = finders.find(relative)
    return Path(found) if found else None
