from django import template

from core.sites import site_id_for_request
from stats.reading import site_numbers

register = template.Library()


@register.simple_tag(takes_context=True)
def site_stats(context):
    """The widget's figures for this request's site: one query, none when cached."""
    request = context.get("request")
    if request is None:
        return None
    # The site lookup is cached per process, so it adds no query to the page.
    site_id = site_id_for_request(request)
    return site_numbers(site_id) if site_id is not None else None
