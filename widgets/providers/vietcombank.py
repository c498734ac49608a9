"""Vietcombank's exchange-rate XML feed, parsed with defusedxml (no DTDs, no entities)."""

import datetime
import re
import zoneinfo
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings

from . import http
from .base import FxProvider, FxReport, InvalidData, Rate

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# "12/21/2022 2:36:27 PM": US month/day/year, 12-hour clock, Vietnam time.
DATE_FORMAT = "%m/%d/%Y %I:%M:%S %p"
# "23,550.00" or "23550.00"; anything else (say "23.550,00") means the format changed.
NUMBER = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
MISSING = {"", "-"}


class VietcombankProvider(FxProvider):
    name = "vietcombank"

    @property
    def source(self):
        return settings.PORTAL_FX_URL

    def fetch(self):
        return parse(http.get(self.source))


def parse(body):
    try:
        root = fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InvalidData(f"từ chối XML không an toàn ({type(exc).__name__})") from exc
    except ParseError as exc:
        raise InvalidData(f"XML hỏng: {exc}") from exc
    if root.tag != "ExrateList":
        raise InvalidData(f"phần tử gốc là <{root.tag}>, cần <ExrateList>")
    updated = root.findtext("DateTime")
    if updated is None:
        raise InvalidData("thiếu <DateTime>")
    try:
        updated_at = datetime.datetime.strptime(updated.strip(), DATE_FORMAT).replace(tzinfo=VIETNAM)
    except ValueError as exc:
        raise InvalidData(f"<DateTime> {updated.strip()!r} không theo dạng 12/21/2022 2:36:27 PM") from exc

    rates = {}
    for number, element in enumerate(root.iter("Exrate"), start=1):
        code = (element.get("CurrencyCode") or "").strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise InvalidData(f"Exrate #{number}: CurrencyCode {code!r} không phải mã ngoại tệ")
        if code in rates:
            raise InvalidData(f"Exrate #{number}: {code} có hai lần")
        rates[code] = Rate(
            code=code,
            name=" ".join((element.get("CurrencyName") or "").split()),
            buy=_rate(element, "Buy", code),
            transfer=_rate(element, "Transfer", code),
            sell=_rate(element, "Sell", code),
        )
    if not rates:
        raise InvalidData("không có phần tử <Exrate> nào")
    return FxReport(provider=VietcombankProvider.name, updated_at=updated_at, rates=rates)


def _rate(element, attribute, code):
    """Decimal, or None for the feed's ways of saying "no rate": "-", "" and "0"."""
    text = element.get(attribute)
    if text is None:
        raise InvalidData(f"{code}: thiếu thuộc tính {attribute}")
    text = text.strip()
    if text in MISSING:
        return None
    if text.startswith("-"):
        raise InvalidData(f"{code} {attribute} là số âm: {text!r}")
    if not NUMBER.match(text):
        raise InvalidData(f"{code} {attribute} {text!r} không phải số dạng 23,550.00")
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern already admits only numbers
        raise InvalidData(f"{code} {attribute} {text!r} không phải là số") from exc
    return value or None
