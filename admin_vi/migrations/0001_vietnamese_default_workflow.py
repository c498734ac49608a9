"""Wagtail's migrations create the default workflow and its task as "Moderators approval"; editors see
that name on the submit button and in the workflow status. Rename both, unless someone already did."""

from django.db import migrations

ENGLISH = "Moderators approval"
WORKFLOW = "Quy trình duyệt bài"
TASK = "Kiểm duyệt"


def to_vietnamese(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=ENGLISH).update(name=WORKFLOW)
    apps.get_model("wagtailcore", "Task").objects.filter(name=ENGLISH).update(name=TASK)


def to_english(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).update(name=ENGLISH)
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).update(name=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0048_add_default_workflows")]

    operations = [migrations.RunPython(to_vietnamese, to_english)]
