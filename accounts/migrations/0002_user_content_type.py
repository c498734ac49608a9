"""The user model's content type moves with it from the users app: its permissions (add, change, delete, view
user), and so every group and user holding them (a ward's Quản trị), keep them under the new name."""

from django.db import migrations


def _move(apps, schema_editor, source, target):
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
    permissions = apps.get_model("auth", "Permission").objects.using(schema_editor.connection.alias)
    old = content_types.filter(app_label=source, model="user").first()
    if old is None:  # a new install: nothing was created under the old name
        return
    new = content_types.filter(app_label=target, model="user").first()
    if new is None:
        old.app_label = target
        old.save(update_fields=["app_label"])
        return
    # Both exist (permissions were created for the new name before this ran): hand the grants over.
    for permission in permissions.filter(content_type=old):
        twin, _ = permissions.get_or_create(
            content_type=new, codename=permission.codename, defaults={"name": permission.name}
        )
        twin.group_set.add(*permission.group_set.all())
        twin.user_set.add(*permission.user_set.all())
        permission.delete()
    old.delete()


def forwards(apps, schema_editor):
    _move(apps, schema_editor, "users", "accounts")


def backwards(apps, schema_editor):
    _move(apps, schema_editor, "accounts", "users")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
