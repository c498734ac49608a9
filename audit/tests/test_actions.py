"""Each kind of action lands in the log, through the code paths staff use."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from audit.chain import Action, verify
from audit.models import AuditEntry
from editorial.models import Role, SiteRole
from editorial.tests.fixtures import PASSWORD, login_verified
from wards.models import WardSettings


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("seq"))


def test_publishing_a_revision_is_logged_with_its_site_and_actor(ward_site, make_staff, make_article):
    chief = make_staff(ward_site, Role.CHIEF)
    page = make_article(ward_site, "Bài đầu tiên")
    revision = page.save_revision(user=chief)
    revision.publish(user=chief)
    published = [e for e in entries(Action.PUBLISH) if e.object_id == str(page.pk)]
    assert len(published) == 2  # the fixture's publish, then the chief's
    last = published[-1]
    assert (last.actor_id, last.actor_name) == (chief.pk, chief.username)
    assert last.site_id == ward_site.pk
    assert last.object_title == "Bài đầu tiên"
    assert last.details["revision"] == revision.pk
    assert last.object_type == "news.articlepage"
    verify()


def test_a_publish_rolled_back_leaves_no_entry(ward_site, make_article):
    page = make_article(ward_site, "Bài thử")
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        assert AuditEntry.objects.count() == before + 1
        raise RuntimeError
    assert AuditEntry.objects.count() == before
    verify()


def test_unpublishing_and_deleting_through_the_admin_are_logged(client, ward_site, make_staff, make_article):
    admin = make_staff(ward_site, Role.ADMIN)
    page = make_article(ward_site, "Bài sẽ gỡ")
    login_verified(client, admin)
    assert client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])).status_code == 302
    unpublished = entries(Action.UNPUBLISH)[-1]
    assert (unpublished.object_id, unpublished.actor_id, unpublished.site_id) == (str(page.pk), admin.pk, ward_site.pk)

    assert client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])).status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()
    deleted = entries(Action.PAGE_DELETE)[-1]
    assert (deleted.object_id, deleted.object_title, deleted.actor_id) == (str(page.pk), "Bài sẽ gỡ", admin.pk)
    assert deleted.site_id == ward_site.pk
    verify()


def _login(client, username, password):
    return client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3"
    )


def test_logins_and_failed_logins_through_the_admin_form(client, ward_site, make_staff):
    assert "axes" in settings.INSTALLED_APPS
    reporter = make_staff(ward_site, Role.REPORTER, username="phong-vien")
    assert _login(client, "phong-vien", "sai-mat-khau").status_code == 200
    long_name = "kẻ-dò-mật-khẩu-" * 6  # within the form's 150 characters, over the 64 kept
    _login(client, long_name, "sai")
    assert _login(client, "phong-vien", PASSWORD).status_code == 302

    failed = entries(Action.LOGIN_FAILED)
    assert [e.details["username"] for e in failed] == ["phong-vien", long_name[:64]]
    assert all(e.actor_id is None and e.site_id == ward_site.pk for e in failed)
    # No address is kept anywhere in the entry.
    assert not any("10.1.2.3" in str(e.details) + e.object_title for e in AuditEntry.objects.all())
    login = entries(Action.LOGIN)[-1]
    assert (login.actor_id, login.actor_name, login.site_id) == (reporter.pk, "phong-vien", ward_site.pk)
    verify()


def test_a_locked_out_attempt_is_logged_as_failed(client, ward_site, make_staff):
    make_staff(ward_site, Role.REPORTER, username="phong-vien")
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        _login(client, "phong-vien", "sai-mat-khau")
    assert len(entries(Action.LOGIN_FAILED)) == settings.AXES_FAILURE_LIMIT + 1


def test_group_membership_and_permission_changes(ward_site, make_staff):
    user = make_staff(ward_site, Role.REPORTER, username="nguoi-moi")
    chief_group = SiteRole.objects.get(site=ward_site, role=Role.CHIEF).group
    user.groups.add(chief_group)
    chief_group.user_set.remove(user)
    added, removed = entries(Action.ROLE_CHANGE)[-2:]
    assert added.details == {"change": "group_add", "group": chief_group.name, "group_id": chief_group.pk}
    assert removed.details["change"] == "group_remove"
    assert added.object_id == str(user.pk) and added.site_id == ward_site.pk

    permission = Permission.objects.get(codename="delete_user")
    chief_group.permissions.add(permission)
    granted = entries(Action.ROLE_CHANGE)[-1]
    assert granted.details == {"change": "permission_add", "permissions": ["accounts.delete_user"]}
    assert granted.object_title == chief_group.name

    GroupPagePermission.objects.filter(group=chief_group, permission__codename="publish_page").delete()
    revoked = entries(Action.ROLE_CHANGE)[-1]
    assert revoked.details["change"] == "object_permission_remove"
    assert revoked.details["permission"] == "wagtailcore.publish_page"
    assert revoked.site_id == ward_site.pk

    user.is_superuser = True
    user.save()
    assert entries(Action.ROLE_CHANGE)[-1].details == {"change": "flags", "is_superuser": True}
    verify()


def test_a_new_group_without_a_site_is_logged_without_one(db, django_user_model):
    group = Group.objects.create(name="Nhóm riêng")
    user = django_user_model.objects.create_user("ai-do", password=PASSWORD)
    user.groups.add(group)
    assert entries(Action.ROLE_CHANGE)[-1].site_id is None


def test_settings_change_names_the_changed_fields(ward_site):
    ward_settings = WardSettings.for_site(ward_site)
    before = AuditEntry.objects.count()
    ward_settings.save()  # nothing changed: nothing logged
    assert AuditEntry.objects.count() == before
    ward_settings.phone = "0203 3999 999"
    ward_settings.save()
    change = entries(Action.SETTINGS_CHANGE)[-1]
    assert change.details == {"fields": ["phone"]}
    assert change.site_id == ward_site.pk
    assert change.object_type == "wards.wardsettings"
    verify()


def test_settings_change_through_the_admin_names_the_actor(client, ward_site, make_staff):
    admin = make_staff(ward_site, Role.ADMIN)
    login_verified(client, admin)
    url = reverse("wagtailsettings:edit", args=["wards", "wardsettings", ward_site.pk])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["phone"] = "0203 3777 777"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    change = entries(Action.SETTINGS_CHANGE)[-1]
    assert change.actor_id == admin.pk
    assert "phone" in change.details["fields"]


def test_workflow_steps_approved_and_rejected(ward_site, make_staff):
    from wagtail.rich_text import RichText

    from news.models import ArticlePage, CategoryPage

    reporter, editor, chief = (make_staff(ward_site, role) for role in (Role.REPORTER, Role.EDITOR, Role.CHIEF))
    category = CategoryPage.objects.child_of(ward_site.root_page).get(slug="tin-tuc-su-kien")
    page = ArticlePage(title="Bài chờ duyệt", lead="Tóm tắt.", body=[("paragraph", RichText("<p>Nội dung.</p>"))])
    page.live = False
    category.add_child(instance=page)
    page.save_revision(user=reporter)
    state = page.get_workflow().start(page, reporter)
    state.current_task_state.approve(user=editor)
    state.refresh_from_db()
    state.current_task_state.reject(user=chief, comment="Cần sửa tít")

    approved, rejected = entries(Action.TASK_APPROVE)[-1], entries(Action.TASK_REJECT)[-1]
    assert (approved.actor_id, approved.object_id, approved.site_id) == (editor.pk, str(page.pk), ward_site.pk)
    assert rejected.actor_id == chief.pk
    assert rejected.details["comment"] == "Cần sửa tít"
    verify()


def test_deleting_an_image_through_the_admin(client, ward_site, make_staff):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from editorial.roles import site_collection

    admin = make_staff(ward_site, Role.ADMIN)
    image = get_image_model().objects.create(
        title="Ảnh sẽ xoá", file=get_test_image_file(), collection=site_collection(ward_site)
    )
    login_verified(client, admin)
    assert client.post(reverse("wagtailimages:delete", args=[image.pk])).status_code == 302
    deleted = entries(Action.OBJECT_DELETE)[-1]
    assert (deleted.object_title, deleted.actor_id, deleted.site_id) == ("Ảnh sẽ xoá", admin.pk, ward_site.pk)
    assert deleted.object_type == get_image_model()._meta.label_lower
