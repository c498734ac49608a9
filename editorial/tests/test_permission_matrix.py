"""Role × action × own/other site, checked against Wagtail's own permission code and the admin views.

The expected table is the issue's description of the roles; every cell is checked on the ward's own
site (allowed or refused as in the table) and on a second ward (always refused).
"""

import io

import pytest
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText

from accounts.users import administered_users
from editorial.models import ROLE_ORDER, Role
from editorial.roles import site_collection, sites_for_user
from editorial.tests.fixtures import login_verified
from news.models import ArticlePage, CategoryPage
from wards.models import WardSettings

R, E, C, A = Role.REPORTER, Role.EDITOR, Role.CHIEF, Role.ADMIN
EXPECTED = {
    "create": {R, E, C, A},
    "edit": {E, C, A},  # someone else's draft
    "submit": {R, E, C, A},  # one's own draft, into the site's workflow
    "review": {E, C},  # approve the first (editing) step
    "approve": {C},  # approve the final step, which publishes
    "publish": {C, A},
    "unpublish": {C, A},
    "delete": {C, A},  # a published article
    "upload": {R, E, C, A},
    "change settings": {A},
    "view stats": {E, C, A},
    "manage users": {A},
}
MODEL_ACTIONS = list(EXPECTED)
HTTP_ACTIONS = [
    "create",
    "edit",
    "review",
    "approve",
    "unpublish",
    "delete",
    "upload",
    "change settings",
    "manage users",
]


def _draft(site, title, owner):
    category = CategoryPage.objects.child_of(site.root_page).get(slug="tin-tuc-su-kien")
    page = ArticlePage(title=title, lead="Tóm tắt.", body=[("paragraph", RichText("<p>Nội dung.</p>"))], live=False)
    page.owner = owner
    category.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def _in_workflow(site, title, owner, reviewer, step):
    page = _draft(site, title, owner)
    state = page.get_workflow().start(page, owner)
    if step == 2:
        state.current_task_state.approve(user=reviewer)
    return Page.objects.get(pk=page.pk).specific


def _can_approve(page, user):
    state = page.current_workflow_task_state
    return any(name == "approve" for name, *_rest in state.task.specific.get_actions(page, user))


class Site_:
    """Everything the actions act on, for one ward site."""

    def __init__(self, site, colleague, reviewer, make_article, users):
        self.site = site
        self.category = CategoryPage.objects.child_of(site.root_page).get(slug="tin-tuc-su-kien")
        self.colleague_draft = _draft(site, f"Bản nháp của đồng nghiệp {site.pk}", colleague)
        self.published = make_article(site, f"Bài đã đăng {site.pk}")
        self.own_draft = {u.pk: _draft(site, f"Bản nháp của {u.username} {site.pk}", u) for u in users}
        self.step1 = {u.pk: _in_workflow(site, f"Chờ biên tập {u.pk} {site.pk}", colleague, reviewer, 1) for u in users}
        self.step2 = {u.pk: _in_workflow(site, f"Chờ duyệt {u.pk} {site.pk}", colleague, reviewer, 2) for u in users}
        self.member = colleague


def _model_check(action, user, t):
    if action == "create":
        return t.category.permissions_for_user(user).can_add_subpage()
    if action == "edit":
        return t.colleague_draft.permissions_for_user(user).can_edit()
    if action == "submit":
        tester = t.own_draft[user.pk].permissions_for_user(user)
        return tester.can_edit() and tester.can_submit_for_moderation()
    if action == "review":
        return _can_approve(t.step1[user.pk], user)
    if action == "approve":
        return _can_approve(t.step2[user.pk], user)
    if action == "publish":
        return t.colleague_draft.permissions_for_user(user).can_publish()
    if action == "unpublish":
        return t.published.permissions_for_user(user).can_unpublish()
    if action == "delete":
        return t.published.permissions_for_user(user).can_delete()
    if action == "upload":
        collection = site_collection(t.site)
        policies = [policy_registry.get_by_type(get_image_model()), policy_registry.get_by_type(ArticlePage)]
        image_ok = collection in policies[0].collections_user_has_permission_for(user, "add")
        from wagtail.documents import get_document_model

        doc_policy = policy_registry.get_by_type(get_document_model())
        return image_ok and collection in doc_policy.collections_user_has_permission_for(user, "add")
    if action == "change settings":
        policy = policy_registry.get_by_type(WardSettings)
        return policy.user_has_permission_for_instance(user, "change", WardSettings.for_site(t.site))
    if action == "view stats":
        return sites_for_user(user).filter(pk=t.site.pk).exists()
    if action == "manage users":
        return administered_users(user).filter(pk=t.member.pk).exists()
    raise AssertionError(action)


def _png(name="anh.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def _http_check(action, user, t, client):
    """Perform the action through the admin; True when it was carried out (or the form opened)."""
    page_id = t.colleague_draft.pk
    if action == "create":
        response = client.get(reverse("wagtailadmin_pages:add", args=["news", "articlepage", t.category.pk]))
    elif action == "edit":
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page_id]))
    elif action in ("review", "approve"):
        page = (t.step1 if action == "review" else t.step2)[user.pk]
        task_state = page.current_workflow_task_state
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]), {"comment": ""}
        )
        assert response.status_code < 500
        task_state.refresh_from_db()
        return task_state.status == "approved"
    elif action == "unpublish":
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[t.published.pk]))
        assert response.status_code < 500
        changed = not Page.objects.get(pk=t.published.pk).live
        if changed:
            t.published.save_revision().publish()
        return changed
    elif action == "delete":
        response = client.get(reverse("wagtailadmin_pages:delete", args=[t.published.pk]))
    elif action == "upload":
        collection = site_collection(t.site)
        name = f"anh-{user.pk}-{t.site.pk}.png"
        response = client.post(
            reverse("wagtailimages:add"),
            {"title": name, "file": _png(name), "collection": collection.pk, "tags": ""},
        )
        assert response.status_code < 500
        return get_image_model().objects.filter(title=name, collection=collection).exists()
    elif action == "change settings":
        response = client.get(reverse("wagtailsettings:edit", args=["wards", "wardsettings", t.site.pk]))
    elif action == "manage users":
        response = client.get(reverse("wagtailusers_users:edit", args=[t.member.pk]))
    else:
        raise AssertionError(action)
    assert response.status_code < 500, (action, response.status_code)
    return response.status_code == 200


@pytest.fixture
def world(ward_site, other_site, staff, make_staff, make_article):
    users = list(staff.values())
    sites = {}
    for key, site in (("own", ward_site), ("other", other_site)):
        colleague = make_staff(site, Role.REPORTER, username=f"dong-nghiep-{site.pk}")
        reviewer = make_staff(site, Role.EDITOR, username=f"bien-tap-{site.pk}")
        sites[key] = Site_(site, colleague, reviewer, make_article, users)
    return staff, sites


def _mismatches(staff, sites, actions, check):
    wrong, cells = [], 0
    for role in ROLE_ORDER:
        user = staff[role]
        for action in actions:
            for key, target in sites.items():
                expected = key == "own" and role in EXPECTED[action]
                got = bool(check(action, user, target))
                cells += 1
                if got != expected:
                    wrong.append(f"{role} {action} {key}: expected {expected}, got {got}")
    return wrong, cells


def test_permission_matrix_through_wagtail_permission_checks(world):
    staff, sites = world
    wrong, cells = _mismatches(staff, sites, MODEL_ACTIONS, _model_check)
    assert cells == len(ROLE_ORDER) * len(EXPECTED) * 2 == 96
    assert wrong == []


def test_permission_matrix_through_admin_views(world, client):
    staff, sites = world

    def check(action, user, target):
        login_verified(client, user)
        return _http_check(action, user, target, client)

    wrong, cells = _mismatches(staff, sites, HTTP_ACTIONS, check)
    assert cells == len(ROLE_ORDER) * len(HTTP_ACTIONS) * 2 == 72
    assert wrong == []
