"""Open-Meteo forecast API (no key; data under CC BY 4.0, so pages credit it)."""

import datetime
import json

from django.conf import settings

from . import http
from .base import DailyForecast, InvalidData, WeatherProvider, WeatherReport

CURRENT = "temperature_2m,relative_humidity_2m,weather_code,wind_speed_10m"
DAILY = "weather_code,temperature_2m_max,temperature_2m_min"
# Today and the three days after it.
FORECAST_DAYS = 4


class OpenMeteoProvider(WeatherProvider):
    name = "open-meteo"
    credit = ("Open-Meteo", "https://open-meteo.com/", "CC BY 4.0")

    def fetch(self, latitude, longitude):
        body = http.get(
            settings.PORTAL_WEATHER_URL,
            params={
                "latitude": str(latitude),
                "longitude": str(longitude),
                "current": CURRENT,
                "daily": DAILY,
                "timezone": "Asia/Ho_Chi_Minh",
                "forecast_days": FORECAST_DAYS,
            },
        )
        return parse(body).check()


def parse(body):
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidData(f"câu trả lời không phải JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InvalidData("câu trả lời không phải một đối tượng JSON")
    if data.get("error"):
        raise InvalidData(f"nguồn báo lỗi: {data.get('reason', '?')}")
    offset = _number(data, "utc_offset_seconds", "")
    if not isinstance(offset, int) or abs(offset) > 14 * 3600:
        raise InvalidData(f"utc_offset_seconds {offset!r} không phải độ lệch múi giờ")
    zone = datetime.timezone(datetime.timedelta(seconds=offset))

    current = _object(data, "current")
    observed = _local_time(current.get("time"), "current.time", zone)
    report_current = {
        "temperature": _number(current, "temperature_2m", "current."),
        "humidity": _number(current, "relative_humidity_2m", "current.", required=False),
        "wind_speed": _number(current, "wind_speed_10m", "current.", required=False),
        "weather_code": _code(current.get("weather_code"), "current.weather_code"),
    }

    daily = _object(data, "daily")
    columns = {}
    for name in ("time", "weather_code", "temperature_2m_max", "temperature_2m_min"):
        column = daily.get(name)
        if not isinstance(column, list):
            raise InvalidData(f"thiếu daily.{name} hoặc không phải danh sách")
        columns[name] = column
    lengths = {len(column) for column in columns.values()}
    if len(lengths) != 1:
        raise InvalidData(f"các cột daily dài khác nhau {sorted(lengths)}")
    days = []
    for index, text in enumerate(columns["time"]):
        try:
            day = datetime.date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise InvalidData(f"daily.time[{index}] {text!r} không phải ngày dạng YYYY-MM-DD")
        days.append(
            DailyForecast(
                date=day,
                weather_code=_code(columns["weather_code"][index], f"daily.weather_code[{index}]"),
                temp_max=_value(columns["temperature_2m_max"][index], f"daily.temperature_2m_max[{index}]"),
                temp_min=_value(columns["temperature_2m_min"][index], f"daily.temperature_2m_min[{index}]"),
            )
        )
    return WeatherReport(provider=OpenMeteoProvider.name, observed_at=observed, daily=days, **report_current)


def _object(data, name):
    value = data.get(name)
    if not isinstance(value, dict):
        raise InvalidData(f"thiếu {name} hoặc không phải đối tượng")
    return value


def _value(value, label):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidData(f"{label} không phải là số: {value!r}")
    return value


def _number(data, name, prefix, required=True):
    if name not in data or data[name] is None:
        if required:
            raise InvalidData(f"thiếu {prefix}{name}")
        return None
    return _value(data[name], f"{prefix}{name}")


def _code(value, label):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidData(f"{label} không phải số nguyên: {value!r}")
    return value


def _local_time(text, label, zone):
    # The API sends "2026-11-26T14:00" in the requested time zone; anything else means the format changed.
    try:
        moment = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M")  # noqa: DTZ007 - zone applied below
    except (TypeError, ValueError) as exc:
        raise InvalidData(f"{label} {text!r} không theo dạng YYYY-MM-DDTHH:MM") from exc
    return moment.replace(tzinfo=zone)
