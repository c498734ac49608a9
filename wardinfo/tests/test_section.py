from wagtail.models import Page

from wardinfo.models import ContactsPage, HistoryPage, IntroPage, LeadersPage, OrganisationPage, PlacesPage
from wardinfo.setup import SUB_PAGES
from wards.sites import ensure_ward_site


def test_every_new_ward_site_gets_the_section_with_its_sub_pages(ward_site, client):
    section = IntroPage.objects.child_of(ward_site.root_page).get()
    assert section.url_path.endswith("/gioi-thieu/") and section.live and section.show_in_menus
    children = [page.specific_class for page in section.get_children().live()]
    assert children == [HistoryPage, PlacesPage, OrganisationPage, LeadersPage, ContactsPage]
    for slug in ["", *(slug + "/" for _, _, slug in SUB_PAGES)]:
        response = client.get(f"/gioi-thieu/{slug}")
        assert response.status_code == 200, slug
        assert "đang được cập nhật" in response.content.decode()


def test_completing_a_site_again_changes_nothing(ward_site):
    before = Page.objects.count()
    ensure_ward_site("localhost", "Phường Hồng Gai", is_default=True)
    assert Page.objects.count() == before


def test_a_page_of_the_ward_with_the_section_slug_is_left_alone(db):
    from news.models import CategoryPage
    from wards.models import HomePage
    from wards.sites import tree_root

    home = HomePage(title="Trang chủ Phường Thử", slug="phuong-thu")
    tree_root().add_child(instance=home)
    home.add_child(instance=CategoryPage(title="Giới thiệu", slug="gioi-thieu"))
    ensure_ward_site("thu.localhost", "Phường Thử")
    section = IntroPage.objects.child_of(home).get()
    assert section.slug == "gioi-thieu-2"


def test_the_section_is_in_the_header_menu(ward_site, client):
    html = client.get("/").content.decode()
    assert 'href="/gioi-thieu/"' in html


def test_sub_pages_go_through_the_sites_approval_workflow(section):
    history = HistoryPage.objects.child_of(section).get()
    workflow = history.get_workflow()
    assert workflow is not None and workflow.workflow_pages.filter(page=section.get_parent()).exists()


def test_every_page_of_an_empty_section_has_a_description_naming_the_ward(section, client):
    for page in [section, *section.get_children().specific()]:
        description = page.get_meta_description()
        assert "Phường Hồng Gai" in description, page
        assert f'<meta name="description" content="{description[:40]}' in client.get(page.url).content.decode()


def test_sites_made_before_the_section_get_it_from_the_command(ward_site):
    import io

    from django.core.management import call_command

    IntroPage.objects.child_of(ward_site.root_page).get().delete()
    call_command("add_ward_intro_sections", stdout=io.StringIO())
    section = IntroPage.objects.child_of(ward_site.root_page).get()
    assert section.live and section.get_children().count() == len(SUB_PAGES)
