"""Per-site editorial groups, their permissions and the approval workflow.

Everything a group may touch hangs off its own site: page permissions on the site's home page,
image/document permissions on the site's collection, settings permission on the site itself.
Nothing is granted globally except entering the admin (and, for Quản trị, the user admin, which
`accounts.users` narrows to the users of their own site).
"""

import re

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from editorial.models import ROLE_ORDER, Role, SiteCollection, SiteRole

PAGE_PERMISSIONS = {
    Role.REPORTER: {"add"},
    Role.EDITOR: {"add", "change"},
    Role.CHIEF: {"add", "change", "publish", "lock", "unlock"},
    Role.ADMIN: {"add", "change", "publish", "lock", "unlock", "bulk_delete"},
}
# Reporters upload and pick images and documents; editing or deleting other people's files starts at editor.
COLLECTION_ACTIONS = {
    Role.REPORTER: {"add", "choose"},
    Role.EDITOR: {"add", "change", "delete", "choose"},
    Role.CHIEF: {"add", "change", "delete", "choose"},
    Role.ADMIN: {"add", "change", "delete", "choose"},
}
# Global Django permissions; the user admin is restricted to the admin's own site by accounts.users.
GLOBAL_PERMISSIONS = {
    Role.REPORTER: {"wagtailadmin.access_admin"},
    Role.EDITOR: {"wagtailadmin.access_admin"},
    Role.CHIEF: {"wagtailadmin.access_admin"},
    Role.ADMIN: {"wagtailadmin.access_admin", "accounts.add_user", "accounts.change_user", "accounts.delete_user"},
}
SITE_SETTINGS_PERMISSION = "wards.change_wardsettings"
# Per-site settings of other platform apps that a site's Quản trị edits too (integrity's allowed link domains);
# apps add theirs in their AppConfig.ready().
EXTRA_SITE_SETTINGS_PERMISSIONS = []
# Steps other platform apps add after "Duyệt" (integrity's confirmation of links): callables
# (site, groups by role) -> (task name, task class, groups), appended in order by their AppConfig.ready().
EXTRA_WORKFLOW_STEPS = []
# Roles that may see the site's statistics (sites_for_user); collaborators are often outsiders.
STATS_ROLES = (Role.EDITOR, Role.CHIEF, Role.ADMIN)
# Roles whose accounts must use two-factor authentication.
TWO_FACTOR_ROLES = (Role.CHIEF, Role.ADMIN)


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def site_label(site):
    """How a site's groups, collection and workflow are named: its name, and its hostname too when another
    site has the same name (ward names repeat across provinces and between old and new wards)."""
    name = site.site_name or site.hostname
    if site.site_name and Site.objects.filter(site_name=site.site_name).exclude(pk=site.pk).exists():
        return f"{name} ({site.hostname})"
    return name


def group_name(site, role):
    return f"{site_label(site)} – {Role(role).label}"


def _unused_group_name(name, group=None):
    """`name`, or `name (2)`, `name (3)`… that no other group has (group names are unique)."""
    others = Group.objects.exclude(pk=group.pk) if group else Group.objects.all()
    candidate, number = name, 1
    while others.filter(name=candidate).exists():
        number += 1
        candidate = f"{name} ({number})"
    return candidate


def site_collection(site):
    """The collection holding a site's images and documents, created on first use."""
    link = SiteCollection.objects.select_related("collection").filter(site=site).first()
    if link is not None:
        return link.collection
    # Wagtail's migrations create the root collection; a flushed test database has none.
    root = Collection.get_first_root_node() or Collection.add_root(name="Bộ sưu tập gốc")
    # Installs from before SiteCollection named the collection after the site; claim it if no site has.
    collection = root.get_children().filter(name=site.site_name or site.hostname, editorial_site=None).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=site_label(site)))
    SiteCollection.objects.create(site=site, collection=collection)
    return collection


def workflow_name(site):
    return _("Biên tập → Duyệt") + f" ({site_label(site)})"


@transaction.atomic
def ensure_editorial_groups(site):
    """Create or complete the site's four groups, their permissions and workflow; idempotent."""
    groups = {}
    for role in ROLE_ORDER:
        name = group_name(site, role)
        site_role = SiteRole.objects.select_related("group").filter(site=site, role=role).first()
        if site_role is None:
            # A group of that name that stands for no site (made by hand before roles existed) is taken over;
            # one that stands for another site never is.
            group = Group.objects.filter(name=name, site_role=None).first()
            group = group or Group.objects.create(name=_unused_group_name(name))
            SiteRole.objects.create(group=group, site=site, role=role)
        else:
            group = site_role.group
            if not re.fullmatch(re.escape(name) + r"( \(\d+\))?", group.name):  # the ward was renamed, or
                group.name = _unused_group_name(name, group)  # another site now has the same name
                group.save(update_fields=["name"])
        groups[role] = group
        _grant(group, site, role)
    collection = site_collection(site)
    if collection.name != site_label(site):
        collection.name = site_label(site)
        collection.save(update_fields=["name"])
    _ensure_workflow(site, groups)
    return groups


def _grant(group, site, role):
    home = site.root_page
    wanted = {_permission(f"wagtailcore.{action}_page") for action in PAGE_PERMISSIONS[role]}
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    GroupPagePermission.objects.filter(group=group).exclude(page=home, permission__in=wanted).delete()

    collection = site_collection(site)
    wanted = {
        _permission(f"{app}.{action}_{model}")
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in COLLECTION_ACTIONS[role]
    }
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    GroupCollectionPermission.objects.filter(group=group).exclude(collection=collection, permission__in=wanted).delete()

    if role == Role.ADMIN:
        for dotted in [SITE_SETTINGS_PERMISSION, *EXTRA_SITE_SETTINGS_PERMISSIONS]:
            GroupSitePermission.objects.get_or_create(group=group, site=site, permission=_permission(dotted))
    else:
        GroupSitePermission.objects.filter(group=group).delete()

    group.permissions.set([_permission(dotted) for dotted in GLOBAL_PERMISSIONS[role]])


def _ensure_workflow(site, groups):
    """The site's workflow and its two steps, found through the site's home page and their order in the
    workflow, never by name: two wards of one name must not share steps (or each other's reviewers)."""
    label = site_label(site)
    workflow = Workflow.objects.filter(workflow_pages__page=site.root_page).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=workflow_name(site))
    elif workflow.name != workflow_name(site):
        workflow.name = workflow_name(site)
        workflow.save(update_fields=["name"])
    steps = [
        # The head of the board may also do the editing review when no editor is available.
        (_("Biên tập") + f" ({label})", GroupApprovalTask, [groups[Role.EDITOR], groups[Role.CHIEF]]),
        (_("Duyệt") + f" ({label})", GroupApprovalTask, [groups[Role.CHIEF]]),
    ]
    steps += [step(site, groups) for step in EXTRA_WORKFLOW_STEPS]
    current = [
        link.task.specific
        for link in WorkflowTask.objects.filter(workflow=workflow).select_related("task").order_by("sort_order")
    ]
    for order, (task_name, task_class, task_groups) in enumerate(steps):
        task = current[order] if order < len(current) else None
        if type(task) is not task_class:
            task = task_class.objects.create(name=task_name)
        elif task.name != task_name:
            task.name = task_name
            task.save(update_fields=["name"])
        task.groups.set(task_groups)
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    WorkflowPage.objects.update_or_create(page=site.root_page, defaults={"workflow": workflow})


def sites_for_user(user, roles=STATS_ROLES):
    """The sites whose statistics (or other site-wide views) `user` may see.

    Superusers see every site; staff see the sites where they hold one of `roles`.
    """
    if not (user.is_authenticated and user.is_active):
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    site_ids = SiteRole.objects.for_user(user).filter(role__in=roles).values("site_id")
    return Site.objects.filter(pk__in=site_ids)


def requires_two_factor(user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or SiteRole.objects.for_user(user).filter(role__in=TWO_FACTOR_ROLES).exists()
