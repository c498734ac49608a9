"""A stored page whose content changes by itself at a known moment (core.freshness): never answered after it,
through the WSGI front as through the middleware, and its max-age counts down to it."""

import datetime

import pytest
from django.utils import timezone

from core import freshness, memory
from pagecache import store

pytestmark = pytest.mark.django_db
MOMENT = datetime.datetime(2026, 12, 10, 0, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now(monkeypatch):
    current = {"at": MOMENT - datetime.timedelta(seconds=45)}
    monkeypatch.setattr(timezone, "now", lambda: current["at"])
    return current


def _stored(key, fresh_until):
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "max-age=60, public")]
    generations = store.current_generations(1, "")
    return store.store(key, 1, "", generations, 200, headers, b"<p>trang</p>", 3600, fresh_until)


def test_an_entry_is_a_miss_from_its_moment_on(now):
    _stored("pc:e:test-fresh", MOMENT)
    assert store.lookup("pc:e:test-fresh") is not None
    now["at"] = MOMENT
    memory.forget_all()
    assert store.lookup("pc:e:test-fresh") is None
    assert store.lookup("pc:e:test-fresh") is None  # a copy the process remembers is not trusted either


def test_a_hit_says_the_max_age_a_render_now_would(now):
    entry = _stored("pc:e:test-age", MOMENT)
    _status, headers, _body = store.response_parts(entry, "")
    assert dict(headers)["Cache-Control"] == "max-age=45, public"
    now["at"] = MOMENT - datetime.timedelta(seconds=5)
    _status, headers, _body = store.response_parts(entry, "")
    assert dict(headers)["Cache-Control"] == "max-age=5, public"


def test_an_entry_without_a_moment_keeps_its_headers(now):
    entry = _stored("pc:e:test-plain", None)
    now["at"] = MOMENT + datetime.timedelta(days=3)
    memory.forget_all()
    assert store.lookup("pc:e:test-plain") is not None
    assert dict(store.response_parts(entry, "")[1])["Cache-Control"] == "max-age=60, public"


def test_the_earliest_moment_named_wins():
    class Request:
        pass

    request = Request()
    freshness.limit(request, MOMENT)
    freshness.limit(request, MOMENT + datetime.timedelta(hours=1))
    freshness.limit(request, None)
    assert freshness.fresh_until(request) == MOMENT
    assert freshness.capped(120, MOMENT, now=MOMENT - datetime.timedelta(seconds=30)) == 30
    assert freshness.capped(120, None) == 120
    assert freshness.seconds_left(MOMENT, now=MOMENT + datetime.timedelta(seconds=5)) == 0
