"""export_static_snapshot: the essential pages of each site as files, linked to one another, with their CSS, each
saying it is a saved copy and from when; a new copy replaces the old in one rename."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from maintenance.snapshot import UNAVAILABLE, essential_paths
from maintenance.tests.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(ward_site, make_article, clock):
    return [
        make_article(ward_site, f"Tin số {number} của phường", published=NOW - datetime.timedelta(hours=number))
        for number in range(1, 5)
    ]


def test_the_essential_paths_are_home_contacts_documents_and_the_latest_articles(ward_site, articles):
    paths = essential_paths(ward_site, articles=3)
    assert paths[0] == "/"
    assert "/van-ban/" in paths
    assert any(path.startswith("/gioi-thieu/") and "lien-he" in path for path in paths), paths
    newest = [article.url_path.removeprefix(ward_site.root_page.url_path) for article in articles[:3]]
    assert paths[-3:] == ["/" + path for path in newest]
    assert all(articles[3].slug not in path for path in paths)


def test_a_snapshot_holds_the_pages_their_links_and_files(ward_site, other_site, articles, tmp_path, clock):
    call_command("export_static_snapshot", "--out", str(tmp_path), "--site", "localhost", "--articles", "3")
    root = tmp_path / "localhost"
    assert root.is_symlink() and not (tmp_path / "baichay.localhost").exists()
    saved = {str(path.relative_to(root)) for path in root.rglob("index.html")}
    expected = {path.lstrip("/") + "index.html" for path in essential_paths(ward_site, articles=3)}
    assert saved == expected

    home = (root / "index.html").read_text(encoding="utf-8")
    assert "Bản lưu của cổng thông tin" in home and "lúc 09:00 ngày 07/12/2026" in home
    # The pages link to one another by root-relative paths, which the saved files answer as they are.
    links = set(re.findall(r'href="(/[^"]*)"', home))
    saved_paths = {"/" + path.removesuffix("index.html") for path in expected}
    assert "/van-ban/" in links
    for article in articles[:3]:
        path = "/" + article.url_path.removeprefix(ward_site.root_page.url_path)
        assert path in links and path in saved_paths
        assert (root / path.lstrip("/") / "index.html").is_file()
    for article in articles[:3]:
        assert article.title in (
            root / article.url_path.removeprefix(ward_site.root_page.url_path) / "index.html"
        ).read_text(encoding="utf-8")
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', home)
    assert stylesheets and all((root / sheet.lstrip("/")).is_file() for sheet in stylesheets)
    unavailable = (root / UNAVAILABLE).read_text(encoding="utf-8")
    assert "Trang này tạm thời không truy cập được" in unavailable and 'href="/van-ban/"' in unavailable


def test_a_new_snapshot_replaces_the_old_one_whole(ward_site, articles, tmp_path, clock):
    call_command("export_static_snapshot", "--out", str(tmp_path))
    first = (tmp_path / "localhost").resolve()
    clock.set(NOW + datetime.timedelta(hours=1))
    call_command("export_static_snapshot", "--out", str(tmp_path))
    second = (tmp_path / "localhost").resolve()
    assert first != second and not first.exists()
    assert "lúc 10:00 ngày 07/12/2026" in (second / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".localhost@")) == [second.name]


def test_an_unknown_host_is_refused(ward_site, tmp_path):
    with pytest.raises(CommandError, match="Không có trang nào với tên miền"):
        call_command("export_static_snapshot", "--out", str(tmp_path), "--site", "khong-co.example")


def test_the_timer_writes_where_the_deploy_nginx_reads():
    from django.conf import settings

    from deploy.render_nginx import SNAPSHOT_DIR

    unit = (settings.BASE_DIR / "deploy" / "systemd" / "portal-snapshot.service").read_text()
    command = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert command.endswith(f"manage.py export_static_snapshot --out {SNAPSHOT_DIR}")
    timer = (settings.BASE_DIR / "deploy" / "systemd" / "portal-snapshot.timer").read_text()
    assert "OnCalendar=hourly" in timer


def test_a_site_whose_home_page_fails_keeps_its_previous_copy(ward_site, articles, tmp_path, clock):
    call_command("export_static_snapshot", "--out", str(tmp_path))
    first = (tmp_path / "localhost").resolve()
    ward_site.root_page.unpublish()
    clock.set(NOW + datetime.timedelta(hours=1))
    with pytest.raises(CommandError, match="localhost"):
        call_command("export_static_snapshot", "--out", str(tmp_path))
    assert (tmp_path / "localhost").resolve() == first and (first / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".localhost@")) == [first.name]
