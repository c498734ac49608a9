"""Exchange rates end to end: fake feed over HTTP -> refresh -> stored snapshot -> rendered widget."""

import datetime
import logging
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from core.templatetags.vn import vn_datetime
from widgets.models import FetchStatus, FxSnapshot, WidgetSettings, fx_status_key
from widgets.providers.vietcombank import DATE_FORMAT, VIETNAM
from widgets.refresh import FX_MIN_INTERVAL, refresh_fx
from widgets.templatetags.widgets_tags import vn_rate
from widgets.tests import payloads
from widgets.tests.fake import FX_PATH, FakeServices, Reply, closed_port, good_fx, start
from widgets.tests.helpers import fx_row, render_sidebar, text_of

pytestmark = pytest.mark.django_db

T0 = timezone.now() - datetime.timedelta(hours=1)
LATER = T0 + datetime.timedelta(seconds=FX_MIN_INTERVAL)


def expected(code, column):
    """What the widget should print for a sample rate, derived from the sample feed."""
    text = payloads.SAMPLE_RATES[code][column]
    return vn_rate(Decimal(text.replace(",", ""))) if text not in {"-", "", "0"} else "–"


def fx_status():
    return FetchStatus.objects.get(key=fx_status_key(settings.PORTAL_FX_URL))


def feed_time_text(when=payloads.FX_TIME):
    return vn_datetime(datetime.datetime.strptime(when, DATE_FORMAT).replace(tzinfo=VIETNAM))


def test_good_feed_is_stored_and_shown(plain_site, fake, widget_settings):
    fake.fx(good_fx())
    [outcome] = refresh_fx(now=T0)
    assert outcome.status == "stored"
    snapshot = FxSnapshot.objects.get()
    assert snapshot.usd_sell == Decimal("26385.00")
    assert snapshot.rate("JPY", "sell") == Decimal("176.95")
    assert snapshot.rates["USD"]["name"] == "US DOLLAR"
    assert snapshot.source_updated_at == datetime.datetime(2026, 11, 26, 14, 36, 27, tzinfo=VIETNAM)
    assert fake.requests[0][1] == {"b": ["10"]}

    html = render_sidebar(plain_site)
    # Default currencies, in the default order, formatted the Vietnamese way.
    codes = ["USD", "EUR", "JPY", "GBP", "CNY", "AUD", "SGD", "KRW"]
    positions = [html.index(f">{code}</th>") for code in codes]
    assert positions == sorted(positions)
    assert ">CAD<" not in html
    assert fx_row(html, "USD") == [expected("USD", 1), expected("USD", 2), expected("USD", 3)]
    assert fx_row(html, "USD") == ["26.105", "26.135", "26.385"]
    assert fx_row(html, "JPY") == ["166,41", "168,09", "176,95"]
    text = text_of(html)
    assert "Tỷ giá chỉ có giá trị tham khảo" in text
    assert feed_time_text() in text
    assert "dữ liệu cũ" not in text


def test_missing_values_show_a_dash_never_zero(plain_site, fake, widget_settings):
    WidgetSettings.objects.create(site=plain_site, currencies="USD,EUR,JPY,DKK")
    fake.fx(
        good_fx(
            rates={
                "EUR": ("EURO ", "", "30,172.16", "31,447.85"),
                "JPY": ("YEN ", "0", "168.09", "176.95"),
                "DKK": ("DANISH KRONE ", "-", "4,011.66", "4,165.30"),
            }
        )
    )
    assert refresh_fx(now=T0)[0].status == "stored"
    snapshot = FxSnapshot.objects.get()
    assert [snapshot.rates[code]["buy"] for code in ("EUR", "JPY", "DKK")] == [None, None, None]

    html = render_sidebar(plain_site)
    for code in ("EUR", "JPY", "DKK"):
        assert fx_row(html, code)[0] == "–"
    assert fx_row(html, "DKK")[1:] == [expected("DKK", 2), expected("DKK", 3)] == ["4.011,66", "4.165,30"]
    assert ">0<" not in html


def good_snapshot(fake):
    fake.fx(good_fx())
    assert refresh_fx(now=T0)[0].status == "stored"
    return FxSnapshot.objects.get()


FAULTS = {
    "timeout": (Reply(payloads.fx_xml(), delay=2.5), "hết thời gian chờ", 3),
    "http-500": (Reply(b"oops", 500, "text/plain"), "HTTP 500", 3),
    "http-429": (Reply(b"slow down", 429, "text/plain", {"Retry-After": "300"}), "HTTP 429", 1),
    "http-404": (Reply(b"gone", 404, "text/plain"), "HTTP 404", 1),
    "redirect": (Reply(b"", 302, "text/html", {"Location": "http://elsewhere.invalid/x"}), "chuyển hướng", 1),
    "garbage": (Reply(b"\x00\xff\xfegarbage <<", 200, "text/xml"), "XML hỏng", 1),
    "html-page": (Reply("<html><body>Bảo trì</body></html>".encode(), 200), "cần <ExrateList>", 1),
    "empty": (Reply(b"", 200, "text/xml"), "XML hỏng", 1),
    "truncated": (Reply(payloads.fx_xml()[:1500], 200, "text/xml"), "XML hỏng", 1),
    "xml-bomb": (Reply(payloads.XML_BOMB, 200, "text/xml"), "XML không an toàn", 1),
    "external-entity": (Reply(payloads.XML_EXTERNAL_ENTITY, 200, "text/xml"), "XML không an toàn", 1),
    "no-date": (good_fx(when=None), "thiếu <DateTime>", 1),
    "new-date-format": (good_fx(when="2026-11-26 14:36:27"), "không theo dạng", 1),
    "missing-currency": (good_fx(drop=("USD",)), "thiếu ngoại tệ: USD", 1),
    "negative": (good_fx(rates={"USD": ("US DOLLAR ", "26,105.00", "26,135.00", "-26,385.00")}), "số âm", 1),
    "jump-50": (good_fx(rates={"USD": ("US DOLLAR ", "26,105.00", "26,135.00", "39,700.00")}), "đổi từ", 1),
    "drop-50": (good_fx(rates={"EUR": ("EURO ", "14,000.00", "30,172.16", "31,447.85")}), "đổi từ", 1),
    "other-number-format": (
        good_fx(rates={"USD": ("US DOLLAR ", "26.105,00", "26,135.00", "26,385.00")}),
        "không phải số",
        1,
    ),
    "older-feed": (good_fx(when="11/25/2026 9:00:00 AM"), "cũ hơn bản đã lưu", 1),
    "missing-attribute": (
        Reply(payloads.fx_xml().replace(b' Sell="26,385.00"', b""), 200),
        "thiếu thuộc tính Sell",
        1,
    ),
}


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_a_bad_fetch_keeps_the_last_good_snapshot(fault, plain_site, fake, widget_settings, caplog):
    reply, reason, requests = fault
    good = good_snapshot(fake)
    before = render_sidebar(plain_site)

    fake.requests.clear()
    fake.fx(reply)
    with caplog.at_level(logging.WARNING, logger="widgets"):
        [outcome] = refresh_fx(now=LATER)

    assert outcome.status == "failed"
    assert reason in outcome.detail
    assert fake.count(FX_PATH) == requests
    assert [record.getMessage() for record in caplog.records if reason in record.getMessage()]
    status = fx_status()
    assert reason in status.error and status.failures == 1 and status.succeeded_at == T0
    assert list(FxSnapshot.objects.all()) == [good]
    after = render_sidebar(plain_site)
    assert after == before
    assert fx_row(after, "USD") == ["26.105", "26.135", "26.385"]
    assert feed_time_text() in text_of(after)


def test_retries_then_success(plain_site, fake, widget_settings):
    fake.fx(Reply(b"busy", 503), Reply(b"", 200, delay=2.5), good_fx())
    [outcome] = refresh_fx(now=T0)
    assert outcome.status == "stored"
    assert fake.count(FX_PATH) == 3


def test_feed_is_asked_at_most_once_in_five_minutes(plain_site, fake, widget_settings):
    fake.fx(good_fx())
    refresh_fx(now=T0, min_interval=0)
    # Even a failed attempt counts: the feed saw the request.
    assert refresh_fx(now=T0 + datetime.timedelta(seconds=FX_MIN_INTERVAL - 1), min_interval=0)[0].status == "skipped"
    assert fake.count(FX_PATH) == 1
    assert refresh_fx(now=LATER, min_interval=0)[0].status == "unchanged"
    assert fake.count(FX_PATH) == 2


def test_history_keeps_one_row_per_change(plain_site, fake, widget_settings):
    fake.fx(good_fx())
    refresh_fx(now=T0)
    assert refresh_fx(now=LATER)[0].status == "unchanged"
    assert FxSnapshot.objects.count() == 1
    assert FxSnapshot.objects.get().checked_at == LATER

    fake.fx(good_fx(when="11/26/2026 4:00:00 PM", rates={"USD": ("US DOLLAR ", "26,110.00", "26,140.00", "26,390.00")}))
    third = LATER + datetime.timedelta(seconds=FX_MIN_INTERVAL)
    assert refresh_fx(now=third)[0].status == "stored"
    assert list(FxSnapshot.objects.values_list("usd_sell", flat=True)) == [Decimal("26390.00"), Decimal("26385.00")]
    html = render_sidebar(plain_site)
    assert fx_row(html, "USD")[2] == "26.390"
    assert feed_time_text("11/26/2026 4:00:00 PM") in text_of(html)


def test_stale_rates_are_marked(plain_site, fake, widget_settings):
    good_snapshot(fake)
    assert "dữ liệu cũ" not in render_sidebar(plain_site)
    FxSnapshot.objects.update(
        checked_at=timezone.now() - datetime.timedelta(seconds=widget_settings.WIDGETS_FX_STALE_AFTER + 60)
    )
    FxSnapshot.objects.get().save()  # as the job's next save would: clears the cached copy
    html = render_sidebar(plain_site)
    assert "dữ liệu cũ" in text_of(html)
    assert fx_row(html, "USD")[2] == "26.385"


def test_no_site_showing_rates_means_no_request(plain_site, fake, widget_settings):
    WidgetSettings.objects.create(site=plain_site, show_fx=False)
    fake.fx(good_fx())
    assert refresh_fx(now=T0)[0].status == "skipped"
    assert fake.requests == []
    assert "Tỷ giá" not in render_sidebar(plain_site)


def test_attempts_that_never_reached_the_feed_do_not_spend_its_interval(plain_site, widget_settings):
    """No network (a closed port), then the feed answers on the same URL: asked at once, not five minutes later."""
    port = closed_port()
    widget_settings.PORTAL_FX_URL = f"http://127.0.0.1:{port}{FX_PATH}"
    [outcome] = refresh_fx(now=T0)
    assert outcome.status == "failed" and "không kết nối được" in outcome.detail
    status = fx_status()
    assert (status.failures, status.answered, status.counted_at) == (1, False, None)

    services = FakeServices()
    services.fx(good_fx())
    server = start(services, port)
    try:
        [outcome] = refresh_fx(now=T0 + datetime.timedelta(seconds=1))
    finally:
        server.shutdown()
        server.server_close()
    assert outcome.status == "stored"
    assert services.count(FX_PATH) == 1
    assert fx_status().counted_at == T0 + datetime.timedelta(seconds=1)


def test_an_answered_failure_spends_the_interval(plain_site, fake, widget_settings):
    fake.fx(Reply(b"gone", 404, "text/plain"))
    assert refresh_fx(now=T0)[0].status == "failed"
    fake.fx(good_fx())
    [outcome] = refresh_fx(now=T0 + datetime.timedelta(seconds=FX_MIN_INTERVAL - 1))
    assert outcome.status == "skipped" and "mỗi 5 phút" in outcome.detail
    assert fake.count(FX_PATH) == 1
    assert fx_status().answered is True


def test_the_interval_is_kept_per_feed_url(plain_site, fake, widget_settings):
    fake.fx(good_fx())
    assert refresh_fx(now=T0)[0].status == "stored"
    widget_settings.PORTAL_FX_URL = fake.base + FX_PATH + "?b=11"  # a corrected address
    assert refresh_fx(now=T0 + datetime.timedelta(seconds=1))[0].status == "unchanged"
    assert [query for _, query in fake.requests] == [{"b": ["10"]}, {"b": ["11"]}]
    widget_settings.PORTAL_FX_URL = fake.base + FX_PATH + "?b=10"
    assert refresh_fx(now=T0 + datetime.timedelta(seconds=2))[0].status == "skipped"
    assert fake.count(FX_PATH) == 2
