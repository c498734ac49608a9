"""No IP address or User-Agent is kept anywhere; keys rotate with the Vietnamese day."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from stats.models import DailySecret, DailyVisitor, SiteDay
from stats.reading import site_numbers
from stats.recording import count_view
from stats.visitors import local_day, visitor_key

pytestmark = pytest.mark.django_db

PROBE_IPS = ["203.0.113.77", "2001:db8::7:77", "198.51.100.177"]
PROBE_UA = "Mozilla/5.0 (X11; Linux x86_64) ProbeBrowser/9.8.7 DauVet-Rieng"
VN = datetime.timezone(datetime.timedelta(hours=7))


def every_row_as_text():
    """Every row of every table in the database, as text (a dump that ignores Django's models)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_no_ip_or_user_agent_is_stored(settings, beacon, ward_site):
    settings.PORTAL_TRUSTED_PROXIES = ["127.0.0.1"]
    for index, ip in enumerate(PROBE_IPS):
        assert beacon("/", ua=f"{PROBE_UA} {index}", ip=ip, ref="https://zalo.me/g/abcdef").status_code == 204
    assert beacon("/", ua=PROBE_UA, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.200").status_code == 204
    assert SiteDay.objects.get().visitors == len(PROBE_IPS) + 1

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    texts = [dump.getvalue(), every_row_as_text()]
    for text in texts:
        for secret in PROBE_IPS + ["198.51.100.200", "ProbeBrowser", "DauVet-Rieng", "zalo.me/g/abcdef"]:
            assert secret not in text
    # The dump is real: what was counted is in it.
    assert '"model": "stats.siteday"' in texts[0]


def test_a_day_rolls_over_at_midnight_in_vietnam(ward_site):
    home = ward_site.root_page_id
    before = datetime.datetime(2026, 11, 26, 23, 59, 30, tzinfo=VN)  # 16:59:30 UTC
    after = datetime.datetime(2026, 11, 27, 0, 0, 30, tzinfo=VN)  # 17:00:30 UTC, same UTC date
    assert before.astimezone(datetime.UTC).date() == after.astimezone(datetime.UTC).date()
    for at in (before, after):
        assert count_view(ward_site.pk, "/", home, "192.0.2.8", PROBE_UA, "direct", at=at)
    rows = dict(SiteDay.objects.values_list("day", "visitors"))
    assert rows == {datetime.date(2026, 11, 26): 1, datetime.date(2026, 11, 27): 1}
    numbers = site_numbers(ward_site.pk, now=after)
    assert (numbers["today"], numbers["yesterday"], numbers["total"]) == (1, 1, 2)
    assert local_day(after) == datetime.date(2026, 11, 27)


def test_the_secret_rotates_daily_and_old_ones_are_deleted(ward_site):
    day1, day2, day3 = (datetime.date(2026, 11, d) for d in (25, 26, 27))
    key1 = visitor_key(ward_site.pk, "192.0.2.9", PROBE_UA, day1)
    assert visitor_key(ward_site.pk, "192.0.2.9", PROBE_UA, day1) == key1
    secret1 = DailySecret.objects.get(day=day1).key

    key2 = visitor_key(ward_site.pk, "192.0.2.9", PROBE_UA, day2)
    assert key2 != key1
    # Day 1's secret is gone the moment day 2's exists: day 1's keys can no longer be recomputed.
    assert list(DailySecret.objects.values_list("day", flat=True)) == [day2]
    assert DailySecret.objects.get(day=day2).key != secret1

    # Visitor rows are kept one extra day (for hits around midnight), then deleted.
    DailyVisitor.objects.create(site=ward_site, day=day1, visitor=key1)
    DailyVisitor.objects.create(site=ward_site, day=day2, visitor=key2)
    visitor_key(ward_site.pk, "192.0.2.9", PROBE_UA, day3)
    assert list(DailyVisitor.objects.values_list("day", flat=True)) == [day2]
    assert list(DailySecret.objects.values_list("day", flat=True)) == [day3]


def test_the_same_person_on_two_sites_has_unrelated_keys(ward_site, other_site):
    day = datetime.date(2026, 11, 27)
    assert visitor_key(ward_site.pk, "192.0.2.9", PROBE_UA, day) != visitor_key(
        other_site.pk, "192.0.2.9", PROBE_UA, day
    )


def test_stats_json_has_exactly_the_documented_fields(client, ward_site):
    data = json.loads(client.get("/api/stats/", HTTP_HOST="localhost").content)
    assert set(data) == {
        "online",
        "today",
        "yesterday",
        "this_week",
        "this_month",
        "total",
        "pageviews_today",
        "pageviews_total",
    }
