from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Site

from core.public_urls import site_base_url


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /api/",
        f"Sitemap: {site_base_url(request)}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@cache_control(public=True, max_age=3600)
def site_sitemap(request):
    # Wagtail's view fails when no site answers this hostname (an install with no site yet).
    if Site.find_for_request(request) is None:
        raise Http404
    return sitemap(request)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors here: whatever broke the page may break them too.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
