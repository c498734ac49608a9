"""Entries leaving the published schedule stay in the calendar feeds as cancelled.

An entry leaves by three paths, none of which runs a method of ScheduleEntry: a row removed from its week
(modelcluster deletes it on publication), its week deleted (Page deletion removes the rows by cascade; Wagtail
also sends `page_unpublished` for a live page being deleted) or unpublished (Wagtail's unpublish action, also
run for expired pages). Signals are the one place all three pass."""

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_unpublished

from schedule.models import ScheduleChange, ScheduleEntry, SchedulePage, ScheduleWeekPage


def withdraw(entries, schedule_id):
    """Record each entry still shown in the feeds as cancelled, one sequence later; read from the database, as
    a deletion's signals may come in any order and with instances loaded before the other's changes."""
    now = timezone.now()
    withdrawn = [entry for entry in entries if entry.shown_in_feeds]
    ScheduleChange.objects.bulk_create([entry.withdrawal(schedule_id, now) for entry in withdrawn])
    for entry in withdrawn:
        # Straight to the database: save() would take the withdrawal for an edit.
        ScheduleEntry.objects.filter(pk=entry.pk).update(sequence=entry.sequence + 1, withdrawn_at=now)


@receiver(pre_delete, sender=ScheduleEntry)
def keep_deleted_entry_as_cancelled(sender, instance, **kwargs):
    week = ScheduleWeekPage.objects.filter(pk=instance.week_id).first()
    if week is not None:
        withdraw(ScheduleEntry.objects.filter(pk=instance.pk), week.get_parent().pk)


@receiver(page_unpublished, sender=ScheduleWeekPage)
def keep_unpublished_week_as_cancelled(sender, instance, **kwargs):
    withdraw(ScheduleEntry.objects.filter(week=instance), instance.get_parent().pk)


@receiver(post_delete, sender=SchedulePage)
def forget_deleted_schedule(sender, instance, **kwargs):
    # The whole schedule went (or its site): the history recorded while its weeks were being deleted goes too.
    ScheduleChange.objects.filter(schedule_id=instance.pk).delete()
