from django import template
from django.utils.safestring import mark_safe

from core.public_urls import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def article_json_ld(context, page, image_url=None):
    request = context["request"]
    ward = context.get("ward")
    publisher = (ward.agency_name or ward.ward_name) if ward else None
    url = page.get_full_url(request)
    if image_url:
        image_url = absolute_url(request, image_url)
    return mark_safe(page.json_ld(url, publisher=publisher, image_url=image_url))  # noqa: S308 - escaped for <script>
