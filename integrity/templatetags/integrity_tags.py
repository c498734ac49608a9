from django import template

from integrity.gate import describe_scan, revision_scan

register = template.Library()


@register.simple_tag
def links_to_confirm(revision):
    """What an administrator confirms in the approval step: each outside link and hidden block of `revision`."""
    scan = revision_scan(revision) if revision is not None else None
    return describe_scan(scan) if scan is not None else []
