"""The screen's words and addresses, editable in the admin by those granted intake's permissions (superusers
by default): the list is shared by every ward of the install."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from intake.models import ScreenTerm


class ScreenTermViewSet(SnippetViewSet):
    model = ScreenTerm
    icon = "warning"
    list_display = ["term", "kind", "reason"]
    list_filter = ["kind", "reason"]
    search_fields = ["term"]


register_snippet(ScreenTermViewSet)
