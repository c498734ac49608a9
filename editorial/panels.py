"""Dashboard panels for ward editors: what they left as drafts, first, next to what waits for their review."""

from django.db.models import Q
from wagtail.admin.ui.components import Component
from wagtail.models import Page

DRAFTS_LIMIT = 10


def drafts_for(user, limit=DRAFTS_LIMIT):
    """Pages the user owns or last saved that carry changes not yet published and are not awaiting review."""
    return (
        Page.objects.filter(Q(owner=user) | Q(latest_revision__user=user), has_unpublished_changes=True)
        .exclude(depth=1)
        .exclude(_workflow_states__status="in_progress")
        .select_related("latest_revision", "content_type")
        .order_by("-latest_revision_created_at", "-pk")
        .distinct()[:limit]
    )


class DraftsPanel(Component):
    name = "editorial_drafts"
    template_name = "editorial/drafts_panel.html"
    # Before Wagtail's own panels: "awaiting your review" is 220, "your most recent edits" 250.
    order = 150

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        context["drafts"] = list(drafts_for(request.user))
        context["request"] = request
        return context
