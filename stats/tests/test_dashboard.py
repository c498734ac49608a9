"""The admin's statistics page: per-site access, the figures, the chart and the CSV export."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from editorial.tests.fixtures import login_verified
from stats.models import PageDay, SiteDay, SourceDay
from stats.visitors import local_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(ward_site, other_site, make_article):
    article = make_article(ward_site, "Hội nghị tiếp xúc cử tri cuối năm")
    today = local_day()
    rows = {today - datetime.timedelta(days=n): (10 + n, 30 + 2 * n) for n in range(0, 40, 3)}
    for day, (visitors, pageviews) in rows.items():
        SiteDay.objects.create(site=ward_site, day=day, visitors=visitors, pageviews=pageviews)
    SiteDay.objects.create(site=other_site, day=today, visitors=999, pageviews=999)
    PageDay.objects.create(site=ward_site, day=today, path="/x/", page=article, views=77)
    SourceDay.objects.create(site=ward_site, day=today, source="zalo", views=41)
    SourceDay.objects.create(site=ward_site, day=today, source="google", views=5)
    return rows, article


def editor(django_user_model, group_name):
    user = django_user_model.objects.create_user("bientap", password="mat-khau-dai-123")
    group = Group.objects.create(name=group_name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def test_superuser_sees_figures_chart_top_articles_and_sources(client, admin_user, figures, ward_site):
    rows, article = figures
    login_verified(client, admin_user)
    html = client.get(
        reverse("stats_dashboard"), {"site": ward_site.pk, "days": 30}, HTTP_HOST="localhost"
    ).content.decode()
    today = local_day()
    in_30 = {d: v for d, v in rows.items() if d > today - datetime.timedelta(days=30)}
    assert f"{sum(v for v, _ in in_30.values())} lượt khách" in html
    assert f"{sum(p for _, p in in_30.values())} lượt xem trang" in html
    assert html.count('<path class="pv"') == 1 and html.count('<path class="vi"') == 1 and "<svg" in html
    assert "Hội nghị tiếp xúc cử tri cuối năm" in html and ">77<" in html
    assert html.index("Zalo") < html.index("Google")
    assert "Phường Bãi Cháy" in html  # the site chooser offers both sites to a superuser


def test_period_365_includes_older_days(client, admin_user, figures, ward_site):
    rows, _ = figures
    login_verified(client, admin_user)
    html = client.get(reverse("stats_dashboard"), {"site": ward_site.pk, "days": 365}).content.decode()
    assert f"{sum(v for v, _ in rows.values())} lượt khách" in html


def test_an_editor_sees_only_the_site_named_in_a_group(client, django_user_model, figures, ward_site, other_site):
    user = editor(django_user_model, "Biên tập baichay.localhost")
    client.force_login(user)
    html = client.get(reverse("stats_dashboard"), {"site": ward_site.pk}).content.decode()
    # Asked for the other ward, shown their own.
    assert "<h2>Phường Bãi Cháy</h2>" in html and "999" in html
    assert "Phường Hồng Gai" not in html
    response = client.get(reverse("stats_csv"), {"site": ward_site.pk})
    assert "999" in response.content.decode()


def test_an_editor_without_a_site_group_sees_nothing(client, django_user_model, figures):
    user = editor(django_user_model, "Biên tập viên")
    client.force_login(user)
    # Wagtail turns the refusal into a redirect to the admin home with a message.
    for name in ("stats_dashboard", "stats_csv"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert "Thống kê truy cập" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_menu_shows_the_dashboard_to_superusers(client, admin_user, ward_site):
    login_verified(client, admin_user)
    assert reverse("stats_dashboard") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_csv_export_has_every_day_of_the_period(client, admin_user, figures, ward_site):
    rows, _ = figures
    login_verified(client, admin_user)
    response = client.get(reverse("stats_csv"), {"site": ward_site.pk, "days": 90})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == ["Ngày", "Khách", "Lượt xem trang"]
    assert len(table) == 1 + 90
    for day, visitors, pageviews in table[1:]:
        assert (int(visitors), int(pageviews)) == rows.get(datetime.date.fromisoformat(day), (0, 0))


def test_bad_parameters_fall_back_to_defaults(client, admin_user, figures):
    login_verified(client, admin_user)
    response = client.get(reverse("stats_dashboard"), {"site": "abc", "days": "mot-nam"})
    assert response.status_code == 200
    assert "30 ngày gần nhất</option>" in response.content.decode()


def test_top_pages_are_the_content_items_search_finds_not_listings(figures, ward_site):
    """The kinds come from the content-type registry (stats names no content app): an article counts, its
    category (a listing) and the home page do not."""
    from stats.reading import top_pages

    _, article = figures
    today = local_day()
    PageDay.objects.create(site=ward_site, day=today, path="/cat/", page=article.get_parent(), views=500)
    PageDay.objects.create(site=ward_site, day=today, path="/", page=ward_site.root_page, views=900)
    assert top_pages(ward_site.pk, today, today) == [(article.title, article.pk, 77)]
