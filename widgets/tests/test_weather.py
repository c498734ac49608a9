"""Weather end to end: fake Open-Meteo over HTTP -> refresh -> stored snapshot -> rendered widget."""

import datetime
import json
import logging
from decimal import Decimal

import pytest
from django.utils import timezone

from core.templatetags.vn import WEEKDAYS, vn_datetime, vn_number
from wards.models import WardSettings
from widgets import wmo
from widgets.models import FetchStatus, WeatherSnapshot, WidgetSettings
from widgets.refresh import refresh_weather
from widgets.tests import payloads
from widgets.tests.fake import WEATHER_PATH, Reply, good_weather
from widgets.tests.helpers import render_sidebar, text_of

pytestmark = pytest.mark.django_db

T0 = timezone.now() - datetime.timedelta(hours=1)
LATER = T0 + datetime.timedelta(minutes=30)


def test_good_answer_is_stored_and_shown(located_site, fake, widget_settings):
    fake.weather(good_weather())
    [outcome] = refresh_weather(now=T0)
    assert outcome.status == "stored"

    [(_, query)] = fake.requests
    assert query["latitude"] == ["20.95"] and query["longitude"] == ["107.07"]
    assert query["timezone"] == ["Asia/Ho_Chi_Minh"]
    assert "weather_code" in query["current"][0] and "temperature_2m_min" in query["daily"][0]

    sample = payloads.weather_data()
    snapshot = WeatherSnapshot.objects.get()
    assert (snapshot.latitude, snapshot.longitude) == (Decimal("20.95"), Decimal("107.07"))
    assert snapshot.temperature == sample["current"]["temperature_2m"]
    assert snapshot.weather_code == sample["current"]["weather_code"]
    assert snapshot.observed_at == datetime.datetime(
        2026, 11, 26, 14, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    assert len(snapshot.daily) == 4

    html = render_sidebar(located_site)
    text = text_of(html)
    assert f"{vn_number(sample['current']['temperature_2m'], 1)} °C" == "22,4 °C"
    assert "22,4 °C" in text
    assert str(wmo.describe(3)) in text
    assert f"Độ ẩm {vn_number(81)}%" in text
    assert f"Gió {vn_number(11.2)} km/h" in text
    assert f"Cập nhật: {vn_datetime(snapshot.observed_at)}" in text
    # The three days after the observation day, with our Vietnamese words.
    daily = sample["daily"]
    assert "Ngày mai" in text
    for index in (1, 2, 3):
        assert str(wmo.describe(daily["weather_code"][index])) in text
        low, high = vn_number(daily["temperature_2m_min"][index]), vn_number(daily["temperature_2m_max"][index])
        assert f"{low}–{high} °C" in text
    day3 = datetime.date.fromisoformat(daily["time"][3])
    assert f"{WEEKDAYS[day3.weekday()]} {day3:%d/%m}" in text
    assert html.count("<svg") == 4
    assert 'href="https://open-meteo.com/"' in html and "CC BY 4.0" in text
    assert "dữ liệu cũ" not in text


def test_every_wmo_code_has_words_and_an_icon():
    from widgets.icons import ICONS

    codes = [0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77, 80, 81, 82, 85, 86, 95, 96, 99]
    assert sorted(wmo.WMO_CODES) == codes
    for code in codes:
        assert str(wmo.describe(code)) and wmo.icon_name(code) in ICONS
    assert len({str(wmo.describe(code)) for code in codes}) == len(codes)


def change(path, value):
    def apply(data):
        *parents, last = path
        target = data
        for key in parents:
            target = target[key]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value

    return apply


def json_reply(mutate):
    return Reply(payloads.weather_json(mutate))


FAULTS = {
    "timeout": (Reply(payloads.weather_json(), delay=2.5), "hết thời gian chờ", 3),
    "http-500": (Reply(b"{}", 500), "HTTP 500", 3),
    "http-429": (
        Reply(b'{"error":true,"reason":"Too many requests"}', 429, headers={"Retry-After": "60"}),
        "HTTP 429",
        1,
    ),
    "http-400": (
        Reply(json.dumps({"error": True, "reason": "Latitude must be in range"}).encode(), 400),
        "Latitude",
        1,
    ),
    "redirect": (Reply(b"", 301, headers={"Location": "http://10.0.0.1/"}), "chuyển hướng", 1),
    "garbage": (Reply(b"\x89PNG garbage", 200), "không phải JSON", 1),
    "truncated": (Reply(payloads.weather_json()[:300], 200), "không phải JSON", 1),
    "not-an-object": (Reply(b"[1, 2, 3]", 200), "không phải một đối tượng JSON", 1),
    "error-body": (Reply(b'{"error": true, "reason": "Cannot initialize"}', 200), "Cannot initialize", 1),
    "no-current": (json_reply(change(["current"], KeyError)), "thiếu current", 1),
    "no-temperature": (json_reply(change(["current", "temperature_2m"], KeyError)), "thiếu current.temperature_2m", 1),
    "temperature-as-text": (json_reply(change(["current", "temperature_2m"], "-")), "không phải là số", 1),
    "absurd-temperature": (json_reply(change(["current", "temperature_2m"], 999.0)), "nhiệt độ 999.0 ngoài khoảng", 1),
    "absurd-humidity": (json_reply(change(["current", "relative_humidity_2m"], 150)), "độ ẩm 150 ngoài khoảng", 1),
    "negative-wind": (json_reply(change(["current", "wind_speed_10m"], -3)), "tốc độ gió -3 ngoài khoảng", 1),
    "unknown-code": (json_reply(change(["current", "weather_code"], 42)), "không phải mã thời tiết WMO", 1),
    "new-time-format": (json_reply(change(["current", "time"], "26/11/2026 14:00")), "không theo dạng", 1),
    "unix-time": (json_reply(change(["current", "time"], 1795676400)), "không theo dạng", 1),
    "new-date-format": (json_reply(change(["daily", "time", 1], "27/11/2026")), "không phải ngày dạng YYYY-MM-DD", 1),
    "daily-missing": (
        json_reply(change(["daily", "temperature_2m_min"], KeyError)),
        "thiếu daily.temperature_2m_min",
        1,
    ),
    "daily-ragged": (json_reply(change(["daily", "weather_code"], [3, 61])), "dài khác nhau", 1),
    "min-above-max": (json_reply(change(["daily", "temperature_2m_min", 2], 30.0)), "cao hơn cao nhất", 1),
    "no-offset": (json_reply(change(["utc_offset_seconds"], KeyError)), "utc_offset_seconds", 1),
}


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_a_bad_fetch_keeps_the_last_good_snapshot(fault, located_site, fake, widget_settings, caplog):
    reply, reason, requests = fault
    fake.weather(good_weather())
    refresh_weather(now=T0)
    good = WeatherSnapshot.objects.get()
    before = render_sidebar(located_site)

    fake.requests.clear()
    fake.weather(reply)
    with caplog.at_level(logging.WARNING, logger="widgets"):
        [outcome] = refresh_weather(now=LATER)

    assert outcome.status == "failed"
    assert reason in outcome.detail
    assert fake.count(WEATHER_PATH) == requests
    assert any(reason in record.getMessage() for record in caplog.records)
    status = FetchStatus.objects.get(key="weather:20.95,107.07")
    assert reason in status.error and status.succeeded_at == T0
    kept = WeatherSnapshot.objects.get()
    assert (kept.pk, kept.fetched_at, kept.temperature) == (good.pk, T0, good.temperature)
    assert render_sidebar(located_site) == before
    assert "22,4 °C" in text_of(before)


def test_slow_drip_is_cut_off(located_site, fake, widget_settings):
    widget_settings.WIDGETS_HTTP = {**widget_settings.WIDGETS_HTTP, "retries": 0}
    fake.weather(Reply(payloads.weather_json(), drip=0.1))
    [outcome] = refresh_weather(now=T0)
    assert outcome.status == "failed" and "quá chậm" in outcome.detail
    assert not WeatherSnapshot.objects.exists()


def test_sites_with_the_same_coordinates_share_one_fetch(located_site, other_site, fake, widget_settings):
    ward = WardSettings.for_site(other_site)
    # 20.9549 and 107.0701 round to the same 0.01° cell as 20.95, 107.07.
    ward.latitude, ward.longitude = Decimal("20.95490"), Decimal("107.07010")
    ward.save()
    fake.weather(good_weather())
    [outcome] = refresh_weather(now=T0)
    assert fake.count(WEATHER_PATH) == 1
    assert set(outcome.detail.split(", ")) == {located_site.hostname, other_site.hostname}
    for site in (located_site, other_site):
        assert "22,4 °C" in text_of(render_sidebar(site))

    ward.latitude = Decimal("21.01")
    ward.save()
    outcomes = refresh_weather(now=LATER)
    assert fake.count(WEATHER_PATH) == 3 and len(outcomes) == 2


def test_site_without_coordinates_or_with_weather_off(plain_site, fake, widget_settings):
    fake.weather(good_weather())
    assert refresh_weather(now=T0) == []
    assert "trang chưa khai báo toạ độ" in text_of(render_sidebar(plain_site)).split("Tỷ giá")[0]
    WidgetSettings.objects.update_or_create(site=plain_site, defaults={"show_weather": False})
    assert "Thời tiết" not in render_sidebar(plain_site)
    assert fake.requests == []


def test_interval_is_respected_by_the_job(located_site, fake, widget_settings):
    fake.weather(good_weather())
    refresh_weather(now=T0, min_interval=1800)
    assert refresh_weather(now=T0 + datetime.timedelta(minutes=29), min_interval=1800)[0].status == "skipped"
    assert refresh_weather(now=T0 + datetime.timedelta(minutes=30), min_interval=1800)[0].status == "stored"
    assert fake.count(WEATHER_PATH) == 2


def test_stale_weather_is_marked(located_site, fake, widget_settings):
    fake.weather(good_weather())
    refresh_weather(now=T0)
    snapshot = WeatherSnapshot.objects.get()
    snapshot.fetched_at = timezone.now() - datetime.timedelta(seconds=widget_settings.WIDGETS_WEATHER_STALE_AFTER + 60)
    snapshot.save()
    text = text_of(render_sidebar(located_site))
    assert "dữ liệu cũ" in text and "22,4 °C" in text
