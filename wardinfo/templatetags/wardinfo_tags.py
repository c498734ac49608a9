from django import template

register = template.Library()


@register.filter
def en_number(value, decimals=0):
    """60000 -> '60,000' on the English pages (the site's only active language stays Vietnamese)."""
    if value is None or value == "":
        return ""
    return f"{float(value):,.{int(decimals)}f}"
