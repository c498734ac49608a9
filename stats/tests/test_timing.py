"""Response times: each page answer counted in its bucket, written in batches, the median read back."""

import datetime
import random
import statistics

import pytest
from django.db import DatabaseError
from django.db.models import Sum

from portal.tests.clock import freeze
from stats import timing
from stats.models import ResponseTimeDay

VN = datetime.timezone(datetime.timedelta(hours=7))


def test_the_median_of_the_buckets_is_within_a_bucket_of_the_true_median():
    rng = random.Random(20261206)
    for shape in (lambda: rng.lognormvariate(3, 0.8), lambda: rng.uniform(1, 400), lambda: rng.expovariate(1 / 60)):
        samples = [shape() for _ in range(2001)]
        counts = {}
        for ms in samples:
            counts[timing.bucket_of(ms)] = counts.get(timing.bucket_of(ms), 0) + 1
        true = statistics.median(samples)
        bound = timing.bucket_of(true)
        width = bound - max([b for b in timing.BOUNDS if b < bound], default=0)
        assert abs(timing.median_of(counts) - true) <= width
    assert timing.median_of({}) is None


@pytest.mark.django_db
def test_page_answers_are_counted_fresh_and_cached_and_reach_the_measurement(ward_site, client, monkeypatch):
    freeze(monkeypatch, datetime.datetime(2026, 3, 5, 9, 0, tzinfo=VN))
    for path in ("/", "/", "/tin-tuc-su-kien/"):  # the second "/" comes from the page cache
        assert client.get(path, HTTP_HOST="localhost").status_code == 200
    assert client.get("/khong-co-trang-nay/", HTTP_HOST="localhost").status_code == 404
    client.get("/admin/", HTTP_HOST="localhost")
    client.get("/robots.txt", HTTP_HOST="localhost")
    assert ResponseTimeDay.objects.count() == 0  # nothing written per request
    assert timing.flush() > 0
    rows = ResponseTimeDay.objects.filter(site=ward_site, day=datetime.date(2026, 3, 5))
    assert rows.aggregate(n=Sum("count"))["n"] == 3

    figures = client.get("/api/measurement/?days=2", HTTP_HOST="localhost").json()
    expected = timing.median_of({row.bound_ms: row.count for row in rows})
    assert figures["median_response_ms"] == expected and expected > 0


@pytest.mark.django_db
def test_a_database_that_refuses_the_write_loses_no_count(ward_site, monkeypatch):
    freeze(monkeypatch, datetime.datetime(2026, 3, 5, 9, 0, tzinfo=VN))
    for ms in (3, 12, 12, 480):
        timing.note(ward_site.pk, ms)

    def refuse(*args, **kwargs):
        raise DatabaseError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(ResponseTimeDay.objects, "create", refuse)
        assert timing.flush() == 0
    timing.note(ward_site.pk, 12)
    timing.note(ward_site.pk + 1000, 12)  # a site deleted since: dropped, not a write refused for everyone
    assert timing.flush() == 3
    counts = dict(ResponseTimeDay.objects.values_list("bound_ms", "count"))
    assert counts == {timing.bucket_of(3): 1, timing.bucket_of(12): 3, timing.bucket_of(480): 1}
