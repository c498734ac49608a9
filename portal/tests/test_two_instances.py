"""Two app servers sharing one PostgreSQL and one Redis: a change made anywhere is seen everywhere at once."""

import os
import uuid

import httpx
import pytest

from bench.harness import granian
from conftest import ci_requires
from portal.tests.helpers import article_file, manage, prepare_ward, server_environment, wait_for
from stats.tests.test_concurrency import expected, script, send_all

PG_SERVER = os.environ.get("TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")

pytestmark = pytest.mark.own_databases


@pytest.fixture
def shared_services(tmp_path):
    import psycopg
    import redis

    try:
        admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).flushdb()
    except (psycopg.OperationalError, redis.exceptions.ConnectionError) as exc:
        ci_requires(f"PostgreSQL and Redis ({exc})")
    name = f"portal_two_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "two-instances-" + "k" * 50,
        "PORTAL_INSECURE_HTTP": "1",
        **server_environment(tmp_path, DATABASE_URL=f"{PG_SERVER}/{name}", REDIS_URL=REDIS),
    }
    yield env
    redis.Redis.from_url(REDIS).flushdb()
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_a_change_is_served_fresh_and_visitors_add_up_across_both_instances(tmp_path, shared_services):
    env = shared_services
    prepare_ward(env, tmp_path)

    server_env = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
    with granian(workers=2, **server_env) as (port_a, _), granian(workers=2, **server_env) as (port_b, _):
        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        article = "/chinh-quyen/tin-dau-tien-cua-phuong/"
        for base in (a, b, a, b):
            response = httpx.get(base + article)
            assert response.status_code == 200
        assert httpx.get(b + article).headers.get("x-page-cache") == "HIT"
        assert httpx.get(b + "/").status_code == 200

        # A new article published from another process reaches B's cached home page at once.
        manage(env, "import_articles", article_file(tmp_path, "Thông báo khẩn về mưa bão", "https://cu.example/2"))
        seen = wait_for(lambda: "Thông báo khẩn về mưa bão" in httpx.get(b + "/").text)
        assert seen < 1.0

        # Unpublishing takes the cached article off both instances.
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from news.models import ArticlePage; ArticlePage.objects.get(slug='tin-dau-tien-cua-phuong').unpublish()",
        )
        wait_for(lambda: httpx.get(a + article).status_code == 404 and httpx.get(b + article).status_code == 404)

        # Visitors seen by either instance add up exactly: a visitor's second view may reach the other one
        # (hits wait in the shared Redis until the periodic job folds them into the database).
        beacons = script(seed=7)[:900]
        statuses = send_all(a, beacons[::2]) + send_all(b, beacons[1::2])
        assert statuses == [204] * len(beacons)
        manage(env, "stats_fold")
        want = expected(beacons)
        for base in (a, b):
            numbers = httpx.get(base + "/api/stats/", headers={"Host": "localhost"}).json()
            assert (numbers["total"], numbers["pageviews_total"]) == (want["visitors"], want["pageviews"])
            assert numbers["online"] == want["visitors"]
