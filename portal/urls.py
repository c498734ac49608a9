from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from widgets import views as widgets_views

urlpatterns = [
    path(f"{settings.PORTAL_ADMIN_PATH}/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", core_views.site_sitemap, name="sitemap"),
    path("ty-gia/", widgets_views.exchange_rates, name="exchange_rates"),
    path("", include("stats.urls")),
    path("", include("ratings.urls")),
    path("", include("search.urls")),
    # The public API and open data (/api/…, /api/openapi.json) and Wagtail's pages API (/api/v3/).
    path("", include("api.urls")),
    path("", include("wardinfo.urls")),  # /en/… versions of the "Giới thiệu" pages
    path("", include("archive.urls")),  # /luu-tru/<page>/: archived versions of articles and documents
]

if settings.PORTAL_SERVE_MEDIA:
    # For `make run` and `make serve` on one machine; in production nginx serves media.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
