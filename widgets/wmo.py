"""WMO weather interpretation codes (as Open-Meteo sends them): Vietnamese words and our icon."""

from django.utils.translation import gettext_lazy as _

# code: (description, icon name in widgets/icons.py)
WMO_CODES = {
    0: (_("Trời quang, không mây"), "sun"),
    1: (_("Trời quang, ít mây"), "sun-cloud"),
    2: (_("Có mây rải rác"), "sun-cloud"),
    3: (_("Nhiều mây, trời âm u"), "cloud"),
    45: (_("Sương mù"), "fog"),
    48: (_("Sương mù kèm băng giá"), "fog"),
    51: (_("Mưa phùn nhẹ"), "drizzle"),
    53: (_("Mưa phùn vừa"), "drizzle"),
    55: (_("Mưa phùn dày hạt"), "drizzle"),
    56: (_("Mưa phùn lạnh buốt, nhẹ"), "drizzle"),
    57: (_("Mưa phùn lạnh buốt, dày hạt"), "drizzle"),
    61: (_("Mưa nhỏ"), "rain"),
    63: (_("Mưa vừa"), "rain"),
    65: (_("Mưa to"), "rain"),
    66: (_("Mưa lạnh buốt, nhẹ"), "rain"),
    67: (_("Mưa lạnh buốt, nặng hạt"), "rain"),
    71: (_("Tuyết rơi nhẹ"), "snow"),
    73: (_("Tuyết rơi vừa"), "snow"),
    75: (_("Tuyết rơi dày"), "snow"),
    77: (_("Mưa hạt tuyết"), "snow"),
    80: (_("Mưa rào nhẹ"), "shower"),
    81: (_("Mưa rào vừa"), "shower"),
    82: (_("Mưa rào rất to"), "shower"),
    85: (_("Mưa tuyết nhẹ"), "snow"),
    86: (_("Mưa tuyết nặng hạt"), "snow"),
    95: (_("Có dông"), "storm"),
    96: (_("Dông kèm mưa đá nhỏ"), "storm"),
    99: (_("Dông kèm mưa đá lớn"), "storm"),
}


def describe(code):
    entry = WMO_CODES.get(code)
    return entry[0] if entry else _("Không rõ")


def icon_name(code):
    entry = WMO_CODES.get(code)
    return entry[1] if entry else "cloud"
