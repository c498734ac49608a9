from django import template

from ratings.forms import RatingForm

register = template.Library()


@register.inclusion_tag("ratings/block.html", takes_context=True)
def rating_block(context):
    """The rating form of a public page: the same for every reader (it is cached with the page)."""
    return {"form": RatingForm(initial={"path": context["request"].path})}
