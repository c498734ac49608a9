"""Contact points in machine-readable forms: schema.org JSON-LD for search engines, vCard for address books."""

import json

from django.http import HttpResponse
from django.utils.html import strip_tags

from core.public_urls import absolute_url

# JSON-LD sits inside a <script>; these characters must not close it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _dump(data):
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


def _contact_fields(item):
    fields = {}
    if item.phone:
        fields["telephone"] = item.phone
    if item.email:
        fields["email"] = item.email
    return fields


def _unit_data(unit, request):
    data = {"@type": "GovernmentOrganization", "name": unit.title, "url": unit.get_full_url(request)}
    if unit.address:
        data["address"] = unit.address
    return data | _contact_fields(unit)


def unit_json_ld(unit, request):
    data = {"@context": "https://schema.org"} | _unit_data(unit, request)
    if unit.parent_unit_id and unit.parent_unit.live:
        data["parentOrganization"] = _unit_data(unit.parent_unit.specific, request)
    return _dump(data)


def organisation_json_ld(home, units, request):
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": home.get_site().site_name if home.get_site() else home.title,
        "url": home.get_full_url(request),
        "subOrganization": [_unit_data(unit, request) for unit in units],
    }
    return _dump(data)


def person_json_ld(leader, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": leader.title,
        "jobTitle": leader.position,
        "url": leader.get_full_url(request),
    } | _contact_fields(leader)
    if leader.unit_id and leader.unit.live:
        data["worksFor"] = _unit_data(leader.unit.specific, request)
    if leader.photo_id:
        data["image"] = absolute_url(request, leader.photo.get_rendition("fill-400x500").url)
    return _dump(data)


def _escape(value):
    """vCard 4.0 text value (RFC 6350 §3.4): backslash, comma, semicolon and line breaks escaped."""
    value = strip_tags(str(value))
    for char, escaped in (("\\", "\\\\"), (",", "\\,"), (";", "\\;"), ("\r\n", "\\n"), ("\n", "\\n"), ("\r", "")):
        value = value.replace(char, escaped)
    return value


def _card(lines):
    return "BEGIN:VCARD\r\nVERSION:4.0\r\n" + "".join(f"{line}\r\n" for line in lines if line) + "END:VCARD\r\n"


def unit_vcard(unit):
    return _card(
        [
            "KIND:org",
            f"FN:{_escape(unit.title)}",
            f"ORG:{_escape(unit.title)}",
            unit.address and f"ADR;TYPE=work:;;{_escape(unit.address)};;;;",
            unit.phone and f"TEL;TYPE=work,voice;VALUE=text:{_escape(unit.phone)}",
            unit.email and f"EMAIL;TYPE=work:{_escape(unit.email)}",
        ]
    )


def leader_vcard(leader):
    unit = leader.unit if leader.unit_id and leader.unit.live else None
    return _card(
        [
            "KIND:individual",
            f"FN:{_escape(leader.title)}",
            f"TITLE:{_escape(leader.position)}",
            unit and f"ORG:{_escape(unit.title)}",
            leader.phone and f"TEL;TYPE=work,voice;VALUE=text:{_escape(leader.phone)}",
            leader.email and f"EMAIL;TYPE=work:{_escape(leader.email)}",
        ]
    )


def vcard_response(text, slug):
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.vcf"'
    return response
