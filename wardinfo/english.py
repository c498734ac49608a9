"""English versions of the overview, organisation, leaders and contact pages, at "/en" + the Vietnamese URL.

Per-field English (wagtail-modeltranslation's `*_en` fields: `title_en` on every page, the section's own in
wardinfo/translation.py) rather than a page tree per locale: the site is Vietnamese-first, only four pages need
English, and WAGTAIL_I18N_ENABLED would put a locale on every page of every ward.
A page whose English fields are empty has no English version (404, no link, no hreflang): a reader never
gets Vietnamese text presented as English.
"""

from django.utils import timezone

from core.public_urls import absolute_url

ENGLISH_PREFIX = "/en"


def _units_in_english(tree):
    """The unit tree with untranslated units left out (their translated sub-units take their place)."""
    branches = []
    for unit, children in tree:
        kept = _units_in_english(children)
        if unit.title_en:
            branches.append((unit, kept))
        else:
            branches.extend(kept)
    return branches


def _leaders_in_english(leaders_page):
    today = timezone.localdate()
    return [leader for leader in leaders_page.leaders() if leader.position_en and leader.in_office(today)]


def context_for(page):
    """What the English template of `page` shows, or None when `page` has no English version."""
    from wardinfo.models import ContactsPage, IntroPage, LeadersPage, OrganisationPage

    if isinstance(page, IntroPage):
        if not page.summary_en:
            return None
        return {
            "drawing": page.boundary_drawing(),
            "places": list(page.places()),
            "former_wards": page.former_wards.all(),
        }
    if isinstance(page, OrganisationPage):
        tree = _units_in_english(page.unit_tree())
        return {"tree": tree} if tree else None
    if isinstance(page, LeadersPage):
        leaders = _leaders_in_english(page)
        return {"leaders": leaders} if leaders else None
    if isinstance(page, ContactsPage):
        units, leaders = page.contact_points()
        units = [unit for unit in units if unit.title_en]
        leaders = [leader for leader in leaders if leader.position_en]
        if not (page.intro_en or units or leaders):
            return None
        return {"units": units, "leaders": leaders}
    return None


def english_url(page, request):
    """The English version's URL of `page`, "" when there is none."""
    if context_for(page) is None:
        return ""
    return ENGLISH_PREFIX + page.get_url(request)


def alternates(page, request, english):
    """(language, absolute URL) pairs for hreflang links, both ways; none when there is no English version."""
    if not english:
        return []
    return [("vi", page.get_full_url(request)), ("en", absolute_url(request, english))]


def section_titles():
    from wardinfo.models import ContactsPage, IntroPage, LeadersPage, OrganisationPage

    return [
        ("Overview", IntroPage),
        ("Organisation", OrganisationPage),
        ("Leaders", LeadersPage),
        ("Contacts", ContactsPage),
    ]
