"""Wagtail's migrations name the page tree's root and the root collection "Root"; the admin shows those names
(breadcrumbs, the page chooser, the collection lists). Rename both, unless someone already did."""

from django.db import migrations

ENGLISH = "Root"
PAGE_ROOT = "Trang gốc"
COLLECTION_ROOT = "Bộ sưu tập gốc"


def rename(apps, old_page, new_page, old_collection, new_collection):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=old_page).update(
        title=new_page, draft_title=new_page
    )
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name=old_collection).update(
        name=new_collection
    )


def to_vietnamese(apps, schema_editor):
    rename(apps, ENGLISH, PAGE_ROOT, ENGLISH, COLLECTION_ROOT)


def to_english(apps, schema_editor):
    rename(apps, PAGE_ROOT, ENGLISH, COLLECTION_ROOT, ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("admin_vi", "0001_vietnamese_default_workflow"),
        ("wagtailcore", "0025_collection_initial_data"),
    ]

    operations = [migrations.RunPython(to_vietnamese, to_english)]
