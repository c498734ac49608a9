"""Vietnam's public holidays of 2026 and 2027 (Labour Code 2019, Art. 112), as the notice period counts them.

Tết and Giỗ Tổ Hùng Vương follow the lunar calendar: Tết Bính Ngọ is 17 February 2026, Tết Đinh Mùi
6 February 2027; 10/3 âm lịch is 26 April 2026 and 16 April 2027. A holiday on a weekend is made up on the next
working day (Art. 112(3)). The Government fixes each year which day next to 2 September is off and may move the
Tết days; those are added or corrected in the admin (Ngày nghỉ lễ, Tết), which is why the list is data.
"""

import datetime

from django.db import migrations

HOLIDAYS = [
    ("2026-01-01", "Tết Dương lịch"),
    ("2026-02-16", "Tết Nguyên đán (29 tháng Chạp)"),
    ("2026-02-17", "Tết Nguyên đán (mùng 1)"),
    ("2026-02-18", "Tết Nguyên đán (mùng 2)"),
    ("2026-02-19", "Tết Nguyên đán (mùng 3)"),
    ("2026-02-20", "Tết Nguyên đán (mùng 4)"),
    ("2026-04-26", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    ("2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương"),
    ("2026-04-30", "Ngày Chiến thắng"),
    ("2026-05-01", "Ngày Quốc tế Lao động"),
    ("2026-09-02", "Quốc khánh"),
    ("2027-01-01", "Tết Dương lịch"),
    ("2027-02-05", "Tết Nguyên đán (29 tháng Chạp)"),
    ("2027-02-06", "Tết Nguyên đán (mùng 1)"),
    ("2027-02-07", "Tết Nguyên đán (mùng 2)"),
    ("2027-02-08", "Tết Nguyên đán (mùng 3)"),
    ("2027-02-09", "Tết Nguyên đán (mùng 4)"),
    ("2027-02-10", "Nghỉ bù Tết Nguyên đán (mùng 1)"),
    ("2027-02-11", "Nghỉ bù Tết Nguyên đán (mùng 2)"),
    ("2027-04-16", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    ("2027-04-30", "Ngày Chiến thắng"),
    ("2027-05-01", "Ngày Quốc tế Lao động"),
    ("2027-05-03", "Nghỉ bù Ngày Quốc tế Lao động"),
    ("2027-09-02", "Quốc khánh"),
]


def seed(apps, schema_editor):
    holiday = apps.get_model("maintenance", "PublicHoliday")
    for day, name in HOLIDAYS:
        holiday.objects.get_or_create(date=datetime.date.fromisoformat(day), defaults={"name": name})


def unseed(apps, schema_editor):
    holiday = apps.get_model("maintenance", "PublicHoliday")
    holiday.objects.filter(date__in=[datetime.date.fromisoformat(day) for day, _ in HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("maintenance", "0001_notices")]
    operations = [migrations.RunPython(seed, unseed)]
