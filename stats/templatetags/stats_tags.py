from django import template
from wagtail.models import Site

from stats.reading import site_numbers

register = template.Library()


@register.simple_tag(takes_context=True)
def site_stats(context):
    """The widget's figures for the site of this request (cached; one query when not)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    return site_numbers(site.pk)
