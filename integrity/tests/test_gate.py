"""The publishing gate: links outside the allowlist and hidden blocks wait for the site's administrator in the
step after "Duyệt", who sees them listed and confirms; clean content passes that step at once."""

from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse
from wagtail import hooks
from wagtail.models import TaskState
from wagtail.rich_text import RichText

from audit.models import AuditEntry
from editorial.models import Role
from editorial.tests.fixtures import login_verified
from integrity.models import LinkConfirmation, LinkConfirmationTask
from integrity.wagtail_hooks import refuse_unconfirmed_links

RISKY = (
    "<p>Theo <a href='https://baoquangninh.vn/tin/1'>Báo Quảng Ninh</a> và "
    "<a href='https://quangninh.gov.vn/'>cổng tỉnh</a>.</p><p hidden>ghi chú ẩn</p>"
)


def _draft(site, title, html, user):
    from news.models import ArticlePage, CategoryPage

    category = CategoryPage.objects.child_of(site.root_page).get(slug="tin-tuc-su-kien")
    page = ArticlePage(title=title, lead="Tóm tắt.", body=[("paragraph", RichText(html))], live=False)
    category.add_child(instance=page)
    page.save_revision(user=user)
    return page


def _through_review(page, staff):
    state = page.get_workflow().start(page, staff[Role.REPORTER])
    for reviewer in (staff[Role.EDITOR], staff[Role.CHIEF]):
        state.refresh_from_db()
        state.current_task_state.approve(user=reviewer)
    state.refresh_from_db()
    page.refresh_from_db()
    return state


def _publish_request(user):
    request = RequestFactory().post("/")
    request.user, request.session = user, {}
    request._messages = FallbackStorage(request)
    return request


def test_outside_links_wait_for_the_administrator_who_sees_and_confirms_them(client, ward_site, staff):
    workflow = _draft(ward_site, "x", "<p>x</p>", staff[Role.REPORTER]).get_workflow()
    last = workflow.workflow_tasks.order_by("-sort_order").first().task.specific
    assert isinstance(last, LinkConfirmationTask)
    assert list(last.groups.all()) == [staff[Role.ADMIN].groups.get()]

    clean = _draft(
        ward_site, "Tin sạch", "<p>Xem <a href='https://chinhphu.vn/'>Chính phủ</a>.</p>", staff[Role.REPORTER]
    )
    state = _through_review(clean, staff)
    assert clean.live and state.status == state.STATUS_APPROVED

    risky = _draft(ward_site, "Tin có liên kết ngoài", RISKY, staff[Role.REPORTER])
    state = _through_review(risky, staff)
    task_state = state.current_task_state
    assert not risky.live and task_state.status == TaskState.STATUS_IN_PROGRESS
    assert isinstance(task_state.task.specific, LinkConfirmationTask)
    assert task_state.task.specific.get_actions(risky, staff[Role.CHIEF]) == []

    # The chief editor cannot publish it straight from the editor either; the draft stays.
    refused = refuse_unconfirmed_links(_publish_request(staff[Role.CHIEF]), risky)
    assert refused is not None and refused.status_code == 302
    assert refuse_unconfirmed_links in hooks.get_hooks("before_publish_page")

    login_verified(client, staff[Role.ADMIN])
    url = reverse("wagtailadmin_pages:workflow_action", args=[risky.pk, "approve", task_state.pk])
    modal = client.get(url).json()["html"]
    assert "baoquangninh.vn" in modal and "https://baoquangninh.vn/tin/1" in modal and "Khối ẩn (hidden)" in modal
    assert "quangninh.gov.vn" not in modal  # allowed: not listed

    client.post(url, {"comment": ""})  # without ticking the confirmation nothing happens
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS and not LinkConfirmation.objects.exists()

    client.post(url, {"comment": "Đã kiểm tra nguồn", "confirm": "on"})
    task_state.refresh_from_db()
    risky.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED and risky.live
    confirmation = LinkConfirmation.objects.get(page_id=risky.pk)
    assert (confirmation.hosts, confirmation.hidden, confirmation.user) == (
        ["baoquangninh.vn"],
        True,
        staff[Role.ADMIN],
    )
    entry = AuditEntry.objects.get(action="integrity.confirm_links")
    assert entry.actor_id == staff[Role.ADMIN].pk and entry.site_id == ward_site.pk
    assert any("baoquangninh.vn" in line for line in entry.details["confirmed"])

    # Confirmed once: editing the text again needs no new confirmation; a new outside host does.
    risky.body = [("paragraph", RichText(RISKY.replace("Báo Quảng Ninh", "báo tỉnh")))]
    risky.save_revision(user=staff[Role.CHIEF])
    assert refuse_unconfirmed_links(_publish_request(staff[Role.CHIEF]), risky) is None
    risky.body = [("paragraph", RichText(RISKY + "<p><a href='https://kubet.example/'>x</a></p>"))]
    risky.save_revision(user=staff[Role.CHIEF])
    assert refuse_unconfirmed_links(_publish_request(staff[Role.CHIEF]), risky) is not None
