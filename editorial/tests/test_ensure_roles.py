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
        assert [task.name for task in workflow.tasks] == [f"Biên tập ({site.site_name})", f"Duyệt ({site.site_name})"]
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
