import datetime

import pytest


@pytest.fixture
def section(ward_site):
    from wardinfo.models import IntroPage

    return IntroPage.objects.child_of(ward_site.root_page).get()


@pytest.fixture
def publish_under():
    """Add a page under `parent` and publish it, as an editor would through the workflow's last step."""

    def publish(parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return publish


@pytest.fixture
def make_unit(publish_under):
    from wardinfo.models import OrganisationPage, UnitPage

    def make(site, title, **fields):
        organisation = OrganisationPage.objects.descendant_of(site.root_page).get()
        return publish_under(organisation, UnitPage(title=title, **fields))

    return make


@pytest.fixture
def make_leader(publish_under):
    from wardinfo.models import LeaderPage, LeadersPage

    def make(site, title, position, **fields):
        fields.setdefault("term_start", datetime.date(2021, 6, 1))
        leaders = LeadersPage.objects.descendant_of(site.root_page).get()
        return publish_under(leaders, LeaderPage(title=title, position=position, **fields))

    return make
