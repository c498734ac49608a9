"""Sample answers shaped like the services' (see shared/reference/formats.md); the values are ours."""

import json

# code: (name as the feed pads it, cash buying, transfer buying, selling)
SAMPLE_RATES = {
    "AUD": ("AUSTRALIAN DOLLAR ", "16,820.15", "16,990.05", "17,534.20"),
    "CAD": ("CANADIAN DOLLAR ", "18,402.11", "18,588.00", "19,183.52"),
    "CHF": ("SWISS FRANC ", "32,011.40", "32,334.75", "33,370.90"),
    "CNY": ("YUAN RENMINBI ", "3,561.27", "3,597.24", "3,712.50"),
    "DKK": ("DANISH KRONE ", "-", "4,011.66", "4,165.30"),
    "EUR": ("EURO ", "29,870.44", "30,172.16", "31,447.85"),
    "GBP": ("UK POUND STERLING ", "34,310.02", "34,656.59", "35,766.71"),
    "HKD": ("HONGKONG DOLLAR ", "3,301.90", "3,335.25", "3,442.08"),
    "INR": ("INDIAN RUPEE ", "-", "303.12", "315.25"),
    "JPY": ("YEN ", "166.41", "168.09", "176.95"),
    "KRW": ("KOREAN WON ", "16.12", "17.91", "19.43"),
    "KWD": ("KUWAITI DINAR ", "-", "85,410.00", "88,820.50"),
    "MYR": ("MALAYSIAN RINGGIT ", "-", "6,120.87", "6,254.33"),
    "NOK": ("NORWEGIAN KRONER ", "-", "2,516.40", "2,623.19"),
    "RUB": ("RUSSIAN RUBLE ", "-", "318.55", "352.61"),
    "SAR": ("SAUDI RIAL ", "-", "6,958.00", "7,236.44"),
    "SEK": ("SWEDISH KRONA ", "-", "2,701.93", "2,816.62"),
    "SGD": ("SINGAPORE DOLLAR ", "19,760.34", "19,959.94", "20,599.12"),
    "THB": ("THAILAND BAHT ", "705.55", "783.94", "816.80"),
    "USD": ("US DOLLAR ", "26,105.00", "26,135.00", "26,385.00"),
}
FX_TIME = "11/26/2026 2:36:27 PM"


def fx_xml(rates=None, when=FX_TIME, drop=(), source="Joint Stock Commercial Bank for Foreign Trade of Vietnam"):
    rates = {**SAMPLE_RATES, **(rates or {})}
    rows = "\n".join(
        f'  <Exrate CurrencyCode="{code}" CurrencyName="{name}" Buy="{buy}" Transfer="{transfer}" Sell="{sell}" />'
        for code, (name, buy, transfer, sell) in rates.items()
        if code not in drop
    )
    date = f"  <DateTime>{when}</DateTime>\n" if when is not None else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        "<!--Sample feed for tests. Clients may ask at most once every 5 minutes.-->\n"
        f"<ExrateList>\n{date}{rows}\n  <Source>{source}</Source>\n</ExrateList>\n"
    ).encode()


XML_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE ExrateList [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<ExrateList><DateTime>&d;</DateTime>
<Exrate CurrencyCode="USD" CurrencyName="&d;" Buy="1" Transfer="1" Sell="1"/></ExrateList>
"""

XML_EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE ExrateList [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<ExrateList><DateTime>11/26/2026 2:36:27 PM</DateTime>
<Exrate CurrencyCode="USD" CurrencyName="&secret;" Buy="26,105.00" Transfer="26,135.00" Sell="26,385.00"/></ExrateList>
"""

# The observation time and the days are what a call at 14:00 on 26 November 2026 would give.
WEATHER_TIME = "2026-11-26T14:00"


def weather_data():
    return {
        "latitude": 20.9375,
        "longitude": 107.0625,
        "generationtime_ms": 0.08,
        "utc_offset_seconds": 25200,
        "timezone": "Asia/Ho_Chi_Minh",
        "timezone_abbreviation": "GMT+7",
        "elevation": 12.0,
        "current_units": {
            "time": "iso8601",
            "interval": "seconds",
            "temperature_2m": "°C",
            "relative_humidity_2m": "%",
            "weather_code": "wmo code",
            "wind_speed_10m": "km/h",
        },
        "current": {
            "time": WEATHER_TIME,
            "interval": 900,
            "temperature_2m": 22.4,
            "relative_humidity_2m": 81,
            "weather_code": 3,
            "wind_speed_10m": 11.2,
        },
        "daily_units": {
            "time": "iso8601",
            "weather_code": "wmo code",
            "temperature_2m_max": "°C",
            "temperature_2m_min": "°C",
        },
        "daily": {
            "time": ["2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"],
            "weather_code": [3, 61, 80, 0],
            "temperature_2m_max": [24.1, 21.6, 23.0, 25.4],
            "temperature_2m_min": [18.2, 17.4, 17.9, 18.8],
        },
    }


def weather_json(change=None):
    data = weather_data()
    if change:
        change(data)
    return json.dumps(data).encode()
