from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def document_json_ld(context, page):
    ward = context.get("ward")
    publisher = (ward.agency_name or ward.ward_name) if ward else None
    url = page.get_full_url(context["request"])
    return mark_safe(page.json_ld(url, publisher=publisher))  # noqa: S308 - escaped for <script>


@register.filter
def file_size(value):
    """Bytes as a reader reads them: "245 KB", "1,2 MB"."""
    if not value:
        return ""
    if value < 1024 * 1024:
        return f"{max(1, round(value / 1024))} KB"
    return f"{value / 1048576:.1f} MB".replace(".", ",")
