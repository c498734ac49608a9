"""Rendering the widgets as a page would, for assertions on what a reader sees."""

import re

from django.template import Context, Template
from django.test import RequestFactory


def render_sidebar(site, host=None):
    from wards.models import WardSettings

    request = RequestFactory().get("/", HTTP_HOST=host or site.hostname)
    template = Template("{% load widgets_tags %}{% weather_widget %}{% fx_widget %}")
    return template.render(Context({"request": request, "ward": WardSettings.for_site(site)}))


def text_of(html):
    """Visible text with whitespace collapsed, for plain substring assertions."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


def fx_row(html, code):
    """The cells of one currency's row in the rate table, as text."""
    match = re.search(rf"<tr><th scope=\"row\"[^>]*>{code}</th>(.*?)</tr>", html)
    assert match, f"no row for {code}"
    return [text_of(cell) for cell in re.findall(r"<td>(.*?)</td>", match.group(1))]
