"""What an empty widget says: since when its source fails, and whether it answered at all."""

import datetime
import zoneinfo

import pytest

from widgets.refresh import refresh_fx, refresh_weather
from widgets.tests.fake import FX_PATH, WEATHER_PATH, Reply, closed_port
from widgets.tests.helpers import render_sidebar, text_of

pytestmark = pytest.mark.django_db

# The clock the job ran at, fixed: the note must not depend on when the tests run.
FIRST_FAILURE = datetime.datetime(2026, 12, 6, 8, 15, 42, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
LATER = FIRST_FAILURE + datetime.timedelta(hours=1, minutes=10)


def sidebar_parts(site):
    weather, fx = text_of(render_sidebar(site)).split("Tỷ giá ngoại tệ")
    return weather, fx


def test_nothing_attempted_yet_is_not_called_unreachable(located_site):
    weather, fx = sidebar_parts(located_site)
    assert "Chưa có dữ liệu thời tiết: chưa lấy được lần nào từ nguồn." in weather
    assert "Chưa có dữ liệu tỷ giá: chưa lấy được lần nào từ nguồn." in fx
    assert "không trả lời" not in weather + fx


def test_unreachable_sources_are_named_with_the_first_failure_time(located_site, widget_settings):
    port = closed_port()
    widget_settings.PORTAL_WEATHER_URL = f"http://127.0.0.1:{port}{WEATHER_PATH}"
    widget_settings.PORTAL_FX_URL = f"http://127.0.0.1:{port}{FX_PATH}"
    for moment in (FIRST_FAILURE, LATER):
        assert refresh_weather(now=moment)[0].failed and refresh_fx(now=moment)[0].failed

    weather, fx = sidebar_parts(located_site)
    assert "Chưa lấy được dữ liệu thời tiết: nguồn không trả lời từ 08:15 ngày 06/12/2026." in weather
    assert "Chưa lấy được dữ liệu tỷ giá: nguồn không trả lời từ 08:15 ngày 06/12/2026." in fx


def test_a_source_that_answers_with_bad_data_is_not_called_silent(located_site, fake, widget_settings):
    fake.weather(Reply(b"[1, 2]"))
    fake.fx(Reply(b"gone", 404, "text/plain"))
    assert refresh_weather(now=LATER)[0].failed and refresh_fx(now=LATER)[0].failed
    weather, fx = sidebar_parts(located_site)
    assert "nguồn trả về dữ liệu không dùng được từ 09:25 ngày 06/12/2026." in weather
    assert "nguồn trả về dữ liệu không dùng được từ 09:25 ngày 06/12/2026." in fx


def test_exchange_rate_page_says_the_same(located_site, widget_settings, client):
    widget_settings.PORTAL_FX_URL = f"http://127.0.0.1:{closed_port()}{FX_PATH}"
    refresh_fx(now=FIRST_FAILURE)
    response = client.get("/ty-gia/", HTTP_HOST=located_site.hostname)
    assert "Chưa lấy được dữ liệu tỷ giá: nguồn không trả lời từ 08:15 ngày 06/12/2026." in text_of(
        response.content.decode()
    )
