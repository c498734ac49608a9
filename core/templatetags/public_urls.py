from django import template

from core import public_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """A path on this site (an image rendition, a file) as readers reach it (core.public_urls)."""
    return public_urls.absolute_url(context["request"], url)
