import pytest
from django.core.management import call_command
from django.utils.translation import trans_real


@pytest.fixture(scope="session")
def compiled_catalogues(django_db_setup):
    """The .mo files are built, never committed: compile them as `make messages` does, then reload."""
    call_command("compilemessages", locale=["vi"], ignore_patterns=[".venv", "*/site-packages/*"], verbosity=0)
    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = trans_real.Local()
    yield


@pytest.fixture
def ward_editor(db, ward_site):
    """A ward's editor as Wagtail sets one up: not a superuser, in the Editors group, allowed the ward settings."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.get(name="Editors")  # created by Wagtail's own migrations
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="wards", codename="change_wardsettings"),
    )
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=ward_site.root_page, permission=Permission.objects.get(codename=codename)
        )
    user = get_user_model().objects.create_user(
        "bientap", "bientap@example.org", "mat-khau-bien-tap", first_name="Lan", last_name="Nguyễn"
    )
    user.groups.add(group)
    return user
