"""Dashboard panels for ward editors: what they left as drafts, next to what waits for their review."""

from django.db.models import IntegerField, Q
from django.db.models.functions import Cast
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState, get_default_page_content_type

DRAFTS_LIMIT = 10


def pages_in_review():
    # WorkflowState.object_id is text; cast it so that PostgreSQL can compare it with page ids.
    return (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=get_default_page_content_type()
        )
        .annotate(page_id=Cast("object_id", output_field=IntegerField()))
        .values("page_id")
    )


def drafts_for(user, limit=DRAFTS_LIMIT):
    """Pages the user owns or last saved that carry changes not yet published and are not awaiting review."""
    return (
        Page.objects.filter(Q(owner=user) | Q(latest_revision__user=user), has_unpublished_changes=True)
        .exclude(depth=1)
        .exclude(pk__in=pages_in_review())
        .select_related("latest_revision", "content_type")
        .order_by("-latest_revision_created_at", "-pk")
        .distinct()[:limit]
    )


class DraftsPanel(Component):
    name = "admin_vi_drafts"
    template_name = "admin_vi/drafts_panel.html"
    # Between Wagtail's own panels: "awaiting your review" (moved to 100), "your most recent edits" (250).
    order = 150

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        context["drafts"] = list(drafts_for(request.user))
        context["request"] = request
        return context
