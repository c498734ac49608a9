from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from admin_vi.panels import DraftsPanel

# What awaits the editor's own approval comes first: it blocks someone else's work.
REVIEW_FIRST = {"workflow_objects_to_moderate": 100}


@hooks.register("construct_homepage_panels")
def arrange_editor_dashboard(request, panels):
    for panel in panels:
        if getattr(panel, "name", "") in REVIEW_FIRST:
            panel.order = REVIEW_FIRST[panel.name]
    panels.append(DraftsPanel())


@hooks.register("insert_global_admin_js")
def vietnamese_date_picker():
    return format_html('<script src="{}"></script>', static("admin_vi/datetimepicker-vi.js"))
