from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page

from core.models import with_cache_headers
from core.public_urls import absolute_url
from wardinfo import english
from wardinfo.models import ContactsPage, IntroPage, LeadersPage, OrganisationPage

MAX_PATH_LENGTH = 1000
TEMPLATES = {
    IntroPage: "wardinfo/en/intro_page.html",
    OrganisationPage: "wardinfo/en/organisation_page.html",
    LeadersPage: "wardinfo/en/leaders_page.html",
    ContactsPage: "wardinfo/en/contacts_page.html",
}


@require_GET
def english_page(request, path):
    """/en/<the Vietnamese page's path>: the page's English version, 404 when it has none."""
    bundle = getattr(request, "ward_bundle", None)
    # A NUL byte is no page and PostgreSQL refuses it in a query: a 404, not a 500.
    if bundle is None or "\x00" in path or len(path) > MAX_PATH_LENGTH:
        raise Http404
    url_path = bundle.home.url_path + path
    page = Page.objects.filter(url_path=url_path).live().public().specific().first()
    template = TEMPLATES.get(type(page))
    context = english.context_for(page) if template else None
    if context is None:
        raise Http404
    vietnamese_url = page.get_url(request)
    context |= {
        "page": page,
        "vietnamese_url": vietnamese_url,
        "english_url": english.ENGLISH_PREFIX + vietnamese_url,
        "alternates": english.alternates(page, request, english.ENGLISH_PREFIX + vietnamese_url),
        "canonical_url": absolute_url(request, english.ENGLISH_PREFIX + vietnamese_url),
        "english_sections": [
            (title, english.ENGLISH_PREFIX + sibling.get_url(request))
            for title, model in english.section_titles()
            for sibling in [_section_page(page, model)]
            if sibling is not None and english.context_for(sibling) is not None
        ],
    }
    return with_cache_headers(request, render(request, template, context))


def _section_page(page, model):
    section = page if isinstance(page, IntroPage) else page.get_parent().specific
    if model is IntroPage:
        return section
    return model.objects.child_of(section).live().public().first()
