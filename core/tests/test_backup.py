"""make backup / make restore: a restored copy serves the same pages, on SQLite and on PostgreSQL."""

import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from conftest import ci_requires

pytestmark = pytest.mark.own_databases

ROOT = Path(__file__).resolve().parents[2]
PG_SERVER = os.environ.get("TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")

RENDER = """
import hashlib
from django.test import Client
from news.models import ArticlePage
page = ArticlePage.objects.get()
response = Client().get(page.url)
image = page.featured_image.file.path
digest = lambda data: hashlib.sha256(data).hexdigest()
print(response.status_code, digest(response.content), digest(open(image, 'rb').read()))
"""

SEED = """
from wards.demo.images import illustration_bytes, save_image
from news.models import ArticlePage
page = ArticlePage.objects.get()
page.featured_image = save_image("Ảnh thử sao lưu", illustration_bytes("sao-luu"), "sao-luu.jpg", "Ảnh thử")
page.save_revision().publish()
"""


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def environment(tmp_path, name, database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp_path / f"media-{name}"),
        "ARCHIVE_ROOT": str(tmp_path / f"archive-{name}"),
    }


def round_trip(tmp_path, source_url, target_url):
    source = environment(tmp_path, "source", source_url)
    target = environment(tmp_path, "target", target_url)
    articles = tmp_path / "bai.jsonl"
    record = {
        "title": "Bài kiểm tra sao lưu và khôi phục",
        "published": "2026-05-04T09:00:00+07:00",
        "lead": "Dữ liệu phải còn nguyên sau khi khôi phục.",
        "body": "Nội dung thử.",
        "category": "chinh-quyen",
        "source": "Ban biên tập",
    }
    articles.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    manage(source, "migrate", "--no-input", "-v", "0")
    manage(source, "create_ward_site", "--hostname", "testserver", "--name", "Phường Thử", "--default")
    manage(source, "import_articles", str(articles))
    manage(source, "shell", "--no-imports", "-c", SEED)
    before = manage(source, "shell", "--no-imports", "-c", RENDER).split()
    manage(source, "archive_pages")  # the article's PDF and WARC, outside MEDIA_ROOT
    archive = tmp_path / "backup.tar.gz"
    manage(source, "backup_portal", "--output", str(archive))
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # password hashes and TOTP secrets inside

    manage(target, "restore_portal", str(archive))
    after = manage(target, "shell", "--no-imports", "-c", RENDER).split()
    assert before[0] == "200"
    assert after == before
    # The archive's files came back with the rows and audit entries holding their checksums.
    assert "khớp" in manage(target, "archive_pages", "--verify")
    archived = sorted(p.name for p in (tmp_path / "archive-source").rglob("*.*"))
    suffixes = [name.rsplit(".", 1)[-1] for name in archived]
    assert archived and suffixes.count("pdf") == suffixes.count("gz") == len(archived) / 2
    assert sorted(p.name for p in (tmp_path / "archive-target").rglob("*.*")) == archived


def test_sqlite_backup_restores_the_same_pages(tmp_path):
    round_trip(tmp_path, f"sqlite:///{tmp_path / 'source.db'}", f"sqlite:///{tmp_path / 'target.db'}")


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    env = environment(tmp_path, "x", f"sqlite:///{tmp_path / 'x.db'}")
    manage(env, "migrate", "--no-input", "-v", "0")
    archive = tmp_path / "b.tar.gz"
    manage(env, "backup_portal", "--output", str(archive))
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_portal", str(archive)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "không trống" in result.stderr or "not empty" in result.stderr


@pytest.fixture
def pg_databases():
    import psycopg

    names = [f"portal_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("src", "dst")]
    try:
        admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        ci_requires("PostgreSQL")
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield [f"{PG_SERVER}/{name}" for name in names]
    for name in names:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_postgresql_backup_restores_the_same_pages(tmp_path, pg_databases):
    round_trip(tmp_path, *pg_databases)
