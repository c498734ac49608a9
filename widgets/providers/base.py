"""What every provider returns, the errors it raises and the sanity checks any source must pass."""

import datetime
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal

from widgets.wmo import WMO_CODES


class ProviderError(Exception):
    """A fetch that gave nothing usable; `reason` (Vietnamese) goes to the log, the command and FetchStatus.error.

    `answered`: an HTTP answer came back, so the source saw the request (its courtesy interval is spent).
    """

    def __init__(self, reason, *, answered=True):
        super().__init__(reason)
        self.reason = reason
        self.answered = answered


class FetchError(ProviderError):
    """The service could not be reached (answered=False) or answered with an error."""


class InvalidData(ProviderError):
    """The service answered, but with data we will not show."""


@dataclass(frozen=True)
class DailyForecast:
    date: datetime.date
    weather_code: int
    temp_min: float
    temp_max: float


@dataclass(frozen=True)
class WeatherReport:
    provider: str
    observed_at: datetime.datetime
    temperature: float
    humidity: float | None
    wind_speed: float | None
    weather_code: int
    daily: list[DailyForecast] = field(default_factory=list)

    def check(self):
        """Reject values no real weather has; raises InvalidData naming the field."""
        _in_range("nhiệt độ", self.temperature, -60, 60)
        if self.humidity is not None:
            _in_range("độ ẩm", self.humidity, 0, 100)
        if self.wind_speed is not None:
            _in_range("tốc độ gió", self.wind_speed, 0, 400)
        _known_code("mã thời tiết hiện tại", self.weather_code)
        for day in self.daily:
            _known_code(f"mã thời tiết ngày {day.date}", day.weather_code)
            _in_range(f"nhiệt độ thấp nhất ngày {day.date}", day.temp_min, -60, 60)
            _in_range(f"nhiệt độ cao nhất ngày {day.date}", day.temp_max, -60, 60)
            if day.temp_min > day.temp_max:
                raise InvalidData(f"nhiệt độ thấp nhất {day.temp_min} cao hơn cao nhất {day.temp_max} ngày {day.date}")
        return self


@dataclass(frozen=True)
class Rate:
    code: str
    name: str
    buy: Decimal | None  # cash buying
    transfer: Decimal | None  # transfer buying
    sell: Decimal | None


@dataclass(frozen=True)
class FxReport:
    provider: str
    updated_at: datetime.datetime
    rates: dict[str, Rate]


class WeatherProvider(ABC):
    name = ""
    # (label, url, licence) shown under the widget when the source's licence asks for credit.
    credit = None

    @abstractmethod
    def fetch(self, latitude: Decimal, longitude: Decimal) -> WeatherReport:
        """Current conditions and the coming days; raises ProviderError."""


class FxProvider(ABC):
    name = ""

    @property
    def source(self) -> str:
        """What identifies the feed asked (its URL): the courtesy interval is kept per source."""
        return self.name

    @abstractmethod
    def fetch(self) -> FxReport:
        """The current rate table; raises ProviderError."""


def _in_range(label, value, low, high):
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise InvalidData(f"{label} không phải là số: {value!r}")
    if not low <= value <= high:
        raise InvalidData(f"{label} {value} ngoài khoảng {low}..{high}")


def _known_code(label, code):
    if code not in WMO_CODES:
        raise InvalidData(f"{label} {code!r} không phải mã thời tiết WMO")
