"""One rating per visitor, page and day (by Vietnam's day, frozen clock), a cap per network and page, and what
is stored: counts and the day's keyed hashes, never an IP address, a User-Agent or a link between a rater and a
comment."""

import datetime
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command

from portal.tests.clock import freeze
from ratings.models import Comment, DailyRater, PageRatingDay
from ratings.tests.conftest import READER_UA
from stats.tests.test_privacy import every_row_as_text

pytestmark = pytest.mark.django_db

VN = datetime.timezone(datetime.timedelta(hours=7))


def result_of(response):
    assert response.status_code == 303, response.content.decode()[:2000]
    location = urlsplit(response["Location"])
    assert location.path == "/danh-gia/cam-on/"
    return parse_qs(location.query)["kq"][0]


def counted():
    return {
        (day.isoformat(), path, score): n
        for day, path, score, n in PageRatingDay.objects.values_list("day", "path", "score", "count")
    }


def test_one_rating_per_visitor_page_and_day_and_a_cap_per_network(monkeypatch, settings, rate, client, ward_site):
    clock = freeze(monkeypatch, datetime.datetime(2026, 11, 26, 23, 58, tzinfo=VN))
    sent = [("/", 5), ("/", 1), ("/tin-tuc-su-kien/", 3)]
    assert [result_of(rate(path, str(score))) for path, score in sent] == ["counted", "already", "counted"]
    # Another browser on the same network is another visitor.
    assert result_of(rate("/", "2", ua=READER_UA + " Firefox")) == "counted"
    thanks = client.get("/danh-gia/cam-on/?trang=%2F&kq=already", HTTP_HOST="localhost")
    assert "Hôm nay bạn đã đánh giá trang này" in thanks.content.decode()
    assert thanks["Cache-Control"] == "private, no-store" or "no-store" in thanks["Cache-Control"]

    clock.advance(minutes=3)  # 00:01 on 27/11 in Vietnam, still 26/11 in UTC: a new day for the rule
    assert result_of(rate("/", "4")) == "counted"
    assert counted() == {
        ("2026-11-26", "/", 5): 1,
        ("2026-11-26", "/tin-tuc-su-kien/", 3): 1,
        ("2026-11-26", "/", 2): 1,
        ("2026-11-27", "/", 4): 1,
    }
    assert PageRatingDay.objects.get(day="2026-11-27").page_id == ward_site.root_page_id

    settings.PORTAL_RATING_PER_ADDRESS_PAGE = 2
    path = "/tin-tuc-su-kien/"
    outcomes = [rate(path, "1", ua=f"{READER_UA} {n}") for n in range(3)]
    assert [r.status_code for r in outcomes] == [303, 303, 429]
    assert "đã nhận đủ số đánh giá từ mạng của bạn" in outcomes[2].content.decode()
    assert result_of(rate(path, "5", ua=f"{READER_UA} 0")) == "already"
    assert result_of(rate(path, "5", ip="192.0.2.99")) == "counted"  # another network
    assert PageRatingDay.objects.get(day="2026-11-27", path=path, score=1).count == 2


PROBE_IPS = ["203.0.113.77", "2001:db8::7:77"]
PROBE_UA = "Mozilla/5.0 (X11; Linux x86_64) ProbeBrowser/9.8.7 DauVet-Rieng"


def test_what_is_stored_holds_no_address_no_user_agent_and_no_link_to_a_comment(monkeypatch, rate, ward_site):
    clock = freeze(monkeypatch, datetime.datetime(2026, 11, 26, 10, 0, tzinfo=VN))
    for index, ip in enumerate(PROBE_IPS):
        answer = rate("/", "4", comment=f"Nên ghi rõ giờ tiếp dân {index}.", ip=ip, ua=f"{PROBE_UA} {index}")
        assert result_of(answer) == "comment"
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    texts = [dump.getvalue(), every_row_as_text()]
    for text in texts:
        for secret in [*PROBE_IPS, "ProbeBrowser", "DauVet-Rieng"]:
            assert secret not in text
    assert '"model": "ratings.pageratingday"' in texts[0]  # the dump is real

    comment_fields = {field.name for field in Comment._meta.get_fields()}
    assert not comment_fields & {"visitor", "address", "ip", "user_agent"}
    rater_keys = set(DailyRater.objects.values_list("visitor", flat=True)) | set(
        DailyRater.objects.values_list("address", flat=True)
    )
    assert len(rater_keys) == 4 and all(len(key) == 32 and int(key, 16) >= 0 for key in rater_keys)
    for comment in json.loads(dump.getvalue()):
        if comment["model"] == "ratings.comment":
            assert not set(comment["fields"].values()) & rater_keys

    # The day's keys go with the day: two days later only that day's rater is left.
    clock.advance(days=2)
    assert result_of(rate("/", "3", ip=PROBE_IPS[0], ua=PROBE_UA)) == "counted"
    assert list(DailyRater.objects.values_list("day", flat=True)) == [datetime.date(2026, 11, 28)]
