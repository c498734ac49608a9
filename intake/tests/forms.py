"""Sending a protected form through the test client as a person would: read the page, wait, solve, send."""

import html
import re

from intake.tests.helpers import solve

_FIELD = re.compile(r'name="(started|website)" value="([^"]*)"')
_CHALLENGE = re.compile(r'data-intake-pow="([^"]*)"')


def protection_fields(page_html):
    """The hidden fields a browser would send back, with the proof of work solved."""
    fields = {name: html.unescape(value) for name, value in _FIELD.findall(page_html)}
    fields["altcha"] = solve(html.unescape(_CHALLENGE.search(page_html)[1]))
    return fields
