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

    def fetch(self):
        return parse(http.get(settings.PORTAL_FX_URL))


def parse(body):
    try:
        root = fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InvalidData(f"unsafe XML refused ({type(exc).__name__})") from exc
    except ParseError as exc:
        raise InvalidData(f"malformed XML: {exc}") from exc
    if root.tag != "ExrateList":
        raise InvalidData(f"root element is <{root.tag}>, expected <ExrateList>")
    updated = root.findtext("DateTime")
    if updated is None:
        raise InvalidData("<DateTime> missing")
    try:
        updated_at = datetime.datetime.strptime(updated.strip(), DATE_FORMAT).replace(tzinfo=VIETNAM)
    except ValueError as exc:
        raise InvalidData(f"<DateTime> {updated.strip()!r} is not like 12/21/2022 2:36:27 PM") from exc

    rates = {}
    for number, element in enumerate(root.iter("Exrate"), start=1):
        code = (element.get("CurrencyCode") or "").strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise InvalidData(f"Exrate #{number}: CurrencyCode {code!r} is not a currency code")
        if code in rates:
            raise InvalidData(f"Exrate #{number}: {code} listed twice")
        rates[code] = Rate(
            code=code,
            name=" ".join((element.get("CurrencyName") or "").split()),
            buy=_rate(element, "Buy", code),
            transfer=_rate(element, "Transfer", code),
            sell=_rate(element, "Sell", code),
        )
    if not rates:
        raise InvalidData("no <Exrate> elements")
    return FxReport(provider=VietcombankProvider.name, updated_at=updated_at, rates=rates)


def _rate(element, attribute, code):
    """Decimal, or None for the feed's ways of saying "no rate": "-", "" and "0"."""
    text = element.get(attribute)
    if text is None:
        raise InvalidData(f"{code}: attribute {attribute} missing")
    text = text.strip()
    if text in MISSING:
        return None
    if text.startswith("-"):
        raise InvalidData(f"{code} {attribute} is negative: {text!r}")
    if not NUMBER.match(text):
        raise InvalidData(f"{code} {attribute} {text!r} is not a number like 23,550.00")
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern already admits only numbers
        raise InvalidData(f"{code} {attribute} {text!r} is not a number") from exc
    return value or None
