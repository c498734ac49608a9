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
