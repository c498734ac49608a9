"""The "Lưu trữ" page of an archivable page (its archived versions by date) and the downloads. Shown only while
the page is live, public and on the site asked for: an unpublished or private page exposes no archive."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from archive.models import ArchivedVersion
from core import content

DOWNLOADS = {
    "pdf": ("pdf", "application/pdf", ".pdf"),
    "warc": ("warc", "application/warc", ".warc.gz"),
}


def _public_page(request, page_id):
    bundle = getattr(request, "ward_bundle", None)
    if bundle is None:
        raise Http404
    page = get_object_or_404(Page.objects.live().descendant_of(bundle.home, inclusive=True), pk=page_id).specific
    kind = content.kind_of(page)
    if kind is None or not kind.archive or page.expired or page.get_view_restrictions().exists():
        raise Http404
    return page


def _not_kept(response):
    # Never in a shared cache: after an unpublish the archive must go with the page.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_GET
def versions(request, page_id):
    page = _public_page(request, page_id)
    listed = list(ArchivedVersion.objects.listed_for(page))
    response = TemplateResponse(
        request, "archive/versions.html", {"archived_page": page, "versions": listed, "search_query": None}
    )
    return _not_kept(response)


@require_GET
def download(request, page_id, version_id, kind):
    page = _public_page(request, page_id)
    field, content_type, suffix = DOWNLOADS[kind]
    version = get_object_or_404(ArchivedVersion.objects.done(), pk=version_id, page=page)
    stored = getattr(version, field)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    local = timezone.localtime(version.published_at)
    filename = f"{page.slug or page.pk}-{local:%Y%m%d-%H%M}{suffix}"
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    return _not_kept(response)
