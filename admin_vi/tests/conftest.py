import gettext

import pytest
from django.core.management import call_command
from django.utils.translation import trans_real


@pytest.fixture(scope="session")
def compiled_catalogues(django_db_setup):
    """The .mo files are built, never committed: compile them as `make messages` does, then reload."""
    call_command("compilemessages", locale=["vi"], ignore_patterns=[".venv", "*/site-packages/*"], verbosity=0)
    # Python's gettext keeps each .mo it has read, by path: a catalogue compiled just now would not be re-read.
    gettext._translations.clear()
    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = trans_real.Local()
    yield


@pytest.fixture
def ward_editor(db, ward_site):
    """A ward's editor as Wagtail sets one up: not a superuser, in the Editors group, allowed the ward settings."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    # Wagtail's own migrations create the group; a transactional test that ran earlier flushed it, so make it
    # again as those migrations do, with its image and document permissions on the root collection.
    group, created = Group.objects.get_or_create(name="Editors")
    if created:
        root = Collection.get_first_root_node() or Collection.add_root(name="Bộ sưu tập gốc")
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
            for action in ("add", "change", "choose"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root,
                    permission=Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}"),
                )
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
