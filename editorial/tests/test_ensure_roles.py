"""The roles command and ensure_editorial_groups are idempotent and follow a renamed ward."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, WorkflowPage

from editorial.models import SiteRole


def test_ensure_roles_twice_changes_nothing(ward_site, other_site):
    before = (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    call_command("ensure_roles", stdout=io.StringIO())
    call_command("ensure_roles", "--site", "localhost", stdout=io.StringIO())
    after = (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    assert before == after
    assert SiteRole.objects.count() == 8
    for site in (ward_site, other_site):
        workflow = WorkflowPage.objects.get(page_id=site.root_page_id).workflow
        assert workflow.name == f"Biên tập → Duyệt ({site.site_name})"
        # The third step is integrity's confirmation of outside links (editorial.roles.EXTRA_WORKFLOW_STEPS).
        assert [task.name for task in workflow.tasks] == [
            f"Biên tập ({site.site_name})",
            f"Duyệt ({site.site_name})",
            f"Xác nhận liên kết ({site.site_name})",
        ]
    assert "Phường Hồng Gai – Trưởng ban biên tập" in set(Group.objects.values_list("name", flat=True))


def test_renamed_ward_keeps_its_groups(ward_site):
    ward_site.site_name = "Phường Hồng Gai mới"
    ward_site.save()
    call_command("ensure_roles", stdout=io.StringIO())
    assert SiteRole.objects.filter(site=ward_site).count() == 4
    assert Group.objects.filter(name="Phường Hồng Gai mới – Quản trị").exists()
    assert not Group.objects.filter(name="Phường Hồng Gai – Quản trị").exists()


def test_unknown_host_is_a_clear_error(ward_site):
    with pytest.raises(CommandError, match="không-co.example"):
        call_command("ensure_roles", "--site", "không-co.example", stdout=io.StringIO())


def test_two_wards_with_one_name_each_get_their_own_groups(db, django_user_model):
    from wagtail.models import GroupCollectionPermission, Page, Site

    from editorial.models import Role

    # "Phường Tân Phong" exists in more than one province; each gets its own site.
    for hostname, province in (("tanphong-laichau.example", "Tỉnh Lai Châu"), ("tanphong-dongnai.example", "Đồng Nai")):
        call_command(
            "create_ward_site", "--hostname", hostname, "--name", "Phường Tân Phong", "--province", province,
            stdout=io.StringIO(),
        )  # fmt: skip
    first, second = (
        Site.objects.get(hostname="tanphong-laichau.example"),
        Site.objects.get(hostname__contains="dongnai"),
    )
    assert first.root_page_id != second.root_page_id
    call_command("ensure_roles", stdout=io.StringIO())
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count())
    call_command("ensure_roles", stdout=io.StringIO())
    assert counts == (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )

    def holdings(site):
        groups = {role.role: role.group for role in SiteRole.objects.filter(site=site).select_related("group")}
        pages = set(GroupPagePermission.objects.filter(group__in=groups.values()).values_list("page_id", flat=True))
        collections = set(
            GroupCollectionPermission.objects.filter(group__in=groups.values()).values_list("collection_id", flat=True)
        )
        workflow = WorkflowPage.objects.get(page_id=site.root_page_id).workflow
        reviewers = {group.pk for task in workflow.tasks.specific() for group in task.groups.all()}
        return groups, pages, collections, workflow, reviewers

    a, b = holdings(first), holdings(second)
    assert len(a[0]) == len(b[0]) == 4
    assert not {g.pk for g in a[0].values()} & {g.pk for g in b[0].values()}
    assert a[1] == {first.root_page_id} and b[1] == {second.root_page_id}
    assert len(a[2]) == len(b[2]) == 1 and a[2] != b[2]
    assert a[3].pk != b[3].pk
    # Reviewers: editors and chiefs, and (confirming outside links) the ward's own administrators.
    assert a[4] == {a[0][role].pk for role in (Role.EDITOR, Role.CHIEF, Role.ADMIN)}
    assert b[4] == {b[0][role].pk for role in (Role.EDITOR, Role.CHIEF, Role.ADMIN)}
    # Names say which ward is which.
    assert {g.name for g in a[0].values()} | {g.name for g in b[0].values()} >= {
        "Phường Tân Phong (tanphong-laichau.example) – Quản trị",
        "Phường Tân Phong (tanphong-dongnai.example) – Quản trị",
    }

    # An editor of one ward can edit its pages and not the other ward's.
    editor = django_user_model.objects.create_user("bientap", password="x" * 20)  # noqa: S106
    editor.groups.add(a[0][Role.EDITOR])
    mine, theirs = (Page.objects.get(pk=s.root_page_id) for s in (first, second))
    assert mine.permissions_for_user(editor).can_add_subpage()
    assert not theirs.permissions_for_user(editor).can_add_subpage()


def test_an_install_from_before_site_collections_keeps_its_collection(ward_site):
    from wagtail.models import Collection

    from editorial.models import SiteCollection
    from editorial.roles import site_collection

    before = site_collection(ward_site)
    SiteCollection.objects.all().delete()  # as after migrating an older install: the collection, no link
    call_command("ensure_roles", stdout=io.StringIO())
    assert site_collection(ward_site) == before
    assert Collection.objects.filter(name=before.name).count() == 1
