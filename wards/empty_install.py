"""An install with no ward site yet (`make serve` on an empty database): its home page tells the operator,
in Vietnamese, how to create the first ward site, instead of Wagtail's English "Welcome" page."""

from django.http.request import split_domain_port
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from wards.models import HomePage


def is_ward_bundle(bundle):
    return bundle is not None and isinstance(bundle.home, HomePage)


def no_ward_site_exists():
    return not HomePage.objects.filter(sites_rooted_here__isnull=False).exists()


@never_cache
def first_site_guidance(request):
    hostname = split_domain_port(request.get_host())[0] or "localhost"
    port = request.get_port()
    context = {"hostname": hostname, "port": port if port not in ("80", "443") else None}
    return render(request, "wards/empty_install.html", context)


def empty_install_response(request, bundle):
    """The guidance page for the home page of an install without ward sites; None for everything else."""
    if request.path_info != "/" or request.method not in ("GET", "HEAD") or is_ward_bundle(bundle):
        return None
    if not no_ward_site_exists():
        return None
    return first_site_guidance(request)
