import pytest
from django.core.management import call_command

from schedule.models import ScheduleEntry, SchedulePage
from schedule.tests.conftest import THIS_MONDAY

pytestmark = pytest.mark.django_db


def test_demo_content_publishes_this_and_next_weeks_schedule_once(clock, settings, tmp_path):
    settings.BASE_DIR = tmp_path  # the admin password file goes here
    call_command("load_demo_content")
    call_command("load_demo_content")
    for schedule in SchedulePage.objects.all():
        entries = ScheduleEntry.objects.published(schedule)
        assert entries.filter(date__gte=THIS_MONDAY, date__lt=THIS_MONDAY.replace(day=14)).count() == 13
        assert entries.count() == 26
    assert SchedulePage.objects.count() == 2
