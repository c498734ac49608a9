"""The publishing gate: content with hidden blocks or links outside the site's allowed domains is published
only after a site administrator, in the approval step "Xác nhận liên kết", saw those links and confirmed them
(docs/integrity.md). Publishing it directly from the editor is refused with the same list."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.forms import TaskStateCommentForm
from wagtail.models import TaskState

import audit
from editorial.models import Role
from editorial.roles import site_label
from integrity.models import LinkConfirmation, LinkConfirmationTask
from integrity.scan import Scanner

CONFIRM_ACTION = "integrity.confirm_links"


def confirmation_step(site, groups):
    """The step editorial.roles appends to each site's workflow after "Duyệt"."""
    return (_("Xác nhận liên kết") + f" ({site_label(site)})", LinkConfirmationTask, [groups[Role.ADMIN]])


def revision_scan(revision):
    page = revision.content_object
    site = page.get_site()
    if site is None:
        return None
    return Scanner.for_site(site).content(revision.content)


def needs_confirmation(scan):
    return scan is not None and bool(scan.links or scan.hidden)


def is_confirmed(page, scan):
    """Whether an administrator already confirmed every outside host (and the hidden blocks) `scan` holds for
    this page: editing a confirmed article's text does not ask again."""
    wanted = set(scan.outside_hosts())
    confirmed, hidden = set(), False
    for hosts, was_hidden in LinkConfirmation.objects.filter(page_id=page.pk).values_list("hosts", "hidden"):
        confirmed.update(hosts)
        hidden = hidden or was_hidden
    return wanted <= confirmed and (hidden or not scan.hidden)


def describe_scan(scan):
    """The lines an administrator reads before confirming (and an editor when direct publishing is refused)."""
    lines = [
        _("Liên kết đến %(host)s: %(links)s") % {"host": host, "links": ", ".join(links[:3])}
        for host, links in sorted(scan.links.items())
    ]
    for block in scan.hidden:
        lines.append(
            _("Khối ẩn (%(how)s): “%(text)s”, liên kết đến: %(hosts)s")
            % {"how": block.how, "text": block.text, "hosts": ", ".join(block.link_hosts) or "–"}
        )
    return lines


def start_task(task, start, workflow_state, user):
    """Clean content passes the step at once, without telling the administrators; other content waits."""
    revision = workflow_state.content_object.get_latest_revision()
    if needs_confirmation(revision_scan(revision)):
        return start(workflow_state, user=user)
    task_state = task.get_task_state_class()(workflow_state=workflow_state, revision=revision, task=task)
    task_state.status = TaskState.STATUS_IN_PROGRESS
    task_state.save()
    task_state.approve(user=None, update=False, comment=_("Không có liên kết ra ngoài danh sách, không có khối ẩn."))
    return task_state


def task_actions(task, obj, user, group_actions):
    if not group_actions:
        return []
    return [("reject", _("Yêu cầu sửa"), True), ("approve", _("Xác nhận các liên kết và duyệt"), True)]


class ConfirmLinksForm(TaskStateCommentForm):
    confirm = forms.BooleanField(
        label=gettext_lazy("Tôi đã xem các liên kết và khối ẩn ở trên và xác nhận cho xuất bản"),
        required=True,
        error_messages={"required": gettext_lazy("Cần đánh dấu xác nhận trước khi duyệt.")},
    )


def form_for_action(action):
    return ConfirmLinksForm if action == "approve" else None


@transaction.atomic
def on_action(task, task_state, user, action_name, kwargs):
    confirmed = kwargs.pop("confirm", False)
    if action_name != "approve" or not confirmed:
        return
    revision = task_state.revision
    scan = revision_scan(revision)
    if scan is None:
        return
    page = revision.content_object
    LinkConfirmation.objects.create(
        page_id=page.pk,
        revision=revision,
        hosts=scan.outside_hosts(),
        hidden=bool(scan.hidden),
        user=user,
        at=timezone.now(),
    )
    audit.record(
        CONFIRM_ACTION,
        actor=user,
        site=page.get_site(),
        obj=page,
        details={"revision": revision.pk, "confirmed": describe_scan(scan)},
    )
