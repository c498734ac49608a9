"""The dates other documents decide (replaced_on, amended_on; documents.status), filled for existing documents."""

from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery


def fill(apps, schema_editor):
    # The historical models, as documents.status.refresh_acted_on computes it (the models of a migration cannot
    # call the app's code).
    DocumentPage = apps.get_model("documents", "DocumentPage")
    DocumentRelation = apps.get_model("documents", "DocumentRelation")

    def earliest(kind):
        acting = DocumentRelation.objects.filter(target=OuterRef("pk"), kind=kind, source__live=True)
        return Subquery(acting.order_by().values("target").annotate(day=Min("source__effective")).values("day")[:1])

    targets = DocumentRelation.objects.values("target_id")
    DocumentPage.objects.filter(pk__in=targets).update(replaced_on=earliest("replaces"), amended_on=earliest("amends"))


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_listing_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentpage",
            name="amended_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="documentpage",
            name="replaced_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
