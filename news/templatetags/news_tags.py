from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def article_json_ld(context, page, image_url=None):
    request = context["request"]
    ward = context.get("ward")
    publisher = (ward.agency_name or ward.ward_name) if ward else None
    url = request.build_absolute_uri(page.get_url(request))
    if image_url:
        image_url = request.build_absolute_uri(image_url)
    return mark_safe(page.json_ld(url, publisher=publisher, image_url=image_url))  # noqa: S308 - escaped for <script>
