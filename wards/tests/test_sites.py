import pytest
from django.core.management import call_command
from wagtail.models import Revision, Site

from consultations.models import Comment, ConsultationPage, State
from documents.demo_content import DEMO_DOCUMENTS
from documents.models import DocumentPage
from news.models import ArticlePage, CategoryPage
from news.models.categories import STANDARD_CATEGORIES
from questions.models import QuestionPage
from schedule.models import ScheduleWeekPage
from wardinfo.models import UnitPage
from wards.models import HomePage, WardSettings
from wards.sites import ensure_ward_site

pytestmark = pytest.mark.django_db


def test_ensure_ward_site_is_complete_and_idempotent(db):
    site = ensure_ward_site("honggai.example", "Phường Hồng Gai", province="Tỉnh Quảng Ninh")
    again = ensure_ward_site("honggai.example", "Phường Hồng Gai", province="Tỉnh Quảng Ninh")
    assert site.pk == again.pk
    assert isinstance(site.root_page.specific, HomePage)
    titles = list(CategoryPage.objects.child_of(site.root_page).values_list("title", flat=True))
    assert titles == [title for title, _ in STANDARD_CATEGORIES]
    assert WardSettings.for_site(site).province == "Tỉnh Quảng Ninh"


def test_settings_are_per_site(ward_site, other_site, client):
    assert WardSettings.for_site(ward_site).ward_name == "Phường Hồng Gai"
    assert WardSettings.for_site(other_site).ward_name == "Phường Bãi Cháy"
    footer_here = client.get("/", HTTP_HOST="localhost").content.decode().split('<footer class="site-footer">')[1]
    footer_there = (
        client.get("/", HTTP_HOST="baichay.localhost").content.decode().split('<footer class="site-footer">')[1]
    )
    assert "0203 3000 000" in footer_here
    assert "0203 3000 000" not in footer_there


def test_default_site_replaces_wagtails_welcome_page(db):
    site = ensure_ward_site("localhost", "Phường Hồng Gai", is_default=True)
    assert Site.objects.get(is_default_site=True) == site
    assert site.root_page.specific_class is HomePage


def test_demo_content_loads_and_a_second_run_changes_nothing(db, capsys, settings, tmp_path):
    settings.BASE_DIR = tmp_path  # the admin password file goes here
    call_command("load_demo_content")
    articles, revisions = ArticlePage.objects.count(), Revision.objects.count()
    categories = {p.get_parent().slug for p in ArticlePage.objects.all()}
    assert articles >= 15 and len(categories) >= 4
    assert Site.objects.count() == 2
    assert all(p.featured_image_id for p in ArticlePage.objects.all())
    # Every app's demo content comes with the one command (each app's demo_content.load).
    for site in Site.objects.all():
        assert UnitPage.objects.descendant_of(site.root_page).exists()
        assert ScheduleWeekPage.objects.descendant_of(site.root_page).live().count() == 2
    assert DocumentPage.objects.live().count() == len(DEMO_DOCUMENTS)
    for site in Site.objects.all():
        drafts = ConsultationPage.objects.descendant_of(site.root_page).live()
        assert sorted(draft.state() for draft in drafts) == [State.OPEN, State.RESULT]
        assert all(draft.files.exists() for draft in drafts)
        assert QuestionPage.objects.descendant_of(site.root_page).live().exists()
    assert not Comment.objects.exclude(status=Comment.Status.PUBLISHED).exists()
    assert not Comment.objects.exclude(email="", phone="", full_name="").exists()
    call_command("load_demo_content")
    assert (ArticlePage.objects.count(), Revision.objects.count()) == (articles, revisions)
    out = capsys.readouterr().out
    assert "admin /" in out


def test_create_ward_site_command_is_idempotent(db, capsys):
    args = ["--hostname", "Cuaong.Example", "--name", "Phường Cửa Ông", "--province", "Tỉnh Quảng Ninh"]
    call_command("create_ward_site", *args)
    call_command("create_ward_site", *args)
    site = Site.objects.get(hostname="cuaong.example")
    assert WardSettings.for_site(site).ward_name == "Phường Cửa Ông"
    assert CategoryPage.objects.child_of(site.root_page).count() == len(STANDARD_CATEGORIES)
    assert "Phường Cửa Ông sẵn sàng tại http://cuaong.example/" in capsys.readouterr().out


@pytest.mark.parametrize("hostname", ["", "bad host", "http://x.example/", "x.example:80"])
def test_create_ward_site_rejects_bad_hostnames(db, hostname):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Tên miền không hợp lệ"):
        call_command("create_ward_site", "--hostname", hostname, "--name", "Phường Thử")


def test_ward_site_can_be_created_on_a_flushed_database(db):
    from wagtail.models import Locale, Page

    Site.objects.all().delete()
    Page.objects.all().delete()
    Locale.objects.all().delete()
    site = ensure_ward_site("localhost", "Phường Hồng Gai", is_default=True)
    assert site.root_page.get_parent().is_root()
    assert CategoryPage.objects.child_of(site.root_page).count() == len(STANDARD_CATEGORIES)


def test_a_site_without_ward_settings_is_served_and_nothing_is_written(ward_site, client):
    # A site added in Wagtail's admin (Sites) before anyone filled in its ward details.
    WardSettings.objects.filter(site=ward_site).delete()
    response = client.get("/")
    assert response.status_code == 200
    assert "Cổng thông tin điện tử" in response.content.decode()
    assert not WardSettings.objects.filter(site=ward_site).exists()


def test_creating_a_site_whose_hostname_is_not_allowed_warns_in_vietnamese(settings, capsys):
    settings.ALLOWED_HOSTS = ["phuong-a.example", ".localhost"]
    call_command("create_ward_site", "--hostname", "phuong-b.example", "--name", "Phường B")
    call_command("create_ward_site", "--hostname", "phuong-a.example", "--name", "Phường A")
    call_command("create_ward_site", "--hostname", "baichay.localhost", "--name", "Phường Bãi Cháy")
    warnings = capsys.readouterr().err
    assert "phuong-b.example chưa có trong ALLOWED_HOSTS" in warnings
    assert "phuong-a.example" not in warnings and "baichay.localhost" not in warnings
