import datetime

from django import forms
from django.utils import translation


class Form(forms.Form):
    when = forms.DateTimeField()
    day = forms.DateField()


def test_dates_are_read_day_first_as_the_admin_writes_them(settings):
    with translation.override("vi"):
        form = Form({"when": "01/12/2026 08:21", "day": "27/11/2026"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["when"].replace(tzinfo=None) == datetime.datetime(2026, 12, 1, 8, 21)
    assert form.cleaned_data["day"] == datetime.date(2026, 11, 27)
    # The admin's picker writes with WAGTAIL_DATETIME_FORMAT; what it writes must read back the same.
    moment = datetime.datetime(2026, 3, 4, 9, 5)
    with translation.override("vi"):
        form = Form({"when": moment.strftime(settings.WAGTAIL_DATETIME_FORMAT), "day": "04/03/2026"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["when"].replace(tzinfo=None) == moment
