"""Importing a schedule from the Excel (or CSV) table offices keep: a header row naming the columns, then one
row per entry; a day cell left empty (merged in Excel) means the day above."""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.importing import ImportReport, LineError
from core.text import fold, normalize_text
from schedule.chairs import current_leaders, leader_named
from schedule.models import ScheduleEntry, SchedulePage, ScheduleWeekPage
from schedule.weeks import Week

# Folded header text → entry field. The first three are required.
COLUMNS = {
    "thu/ngay": "date",
    "thu, ngay": "date",
    "ngay": "date",
    "thu": "date",
    "gio": "time",
    "thoi gian": "time",
    "noi dung": "content",
    "chu tri": "chair",
    "thanh phan": "participants",
    "dia diem": "location",
    "don vi chuan bi": "preparing_unit",
    "chuan bi": "preparing_unit",
    "ghi chu": "notes",
}
REQUIRED = ("date", "time", "content")
HEADER_SEARCH_ROWS = 15
_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_TIME = re.compile(r"(\d{1,2})\s*(?:[:hHgG]|giờ)\s*(\d{2})?")
MAX_ROWS = 5000


class FileError(ValueError):
    """A file that cannot be read as a schedule at all."""


@dataclass
class ScheduleReport(ImportReport):
    weeks: set = field(default_factory=set)  # the ISO weeks the file touched


def read_rows(path):
    """(row number, [cell values]) of the file's first sheet, or of a CSV file (UTF-8, with or without BOM)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        return list(enumerate(csv.reader(io.StringIO(text), dialect), start=1))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
            raise FileError(_("không đọc được tệp Excel: %(error)s") % {"error": exc}) from exc
        sheet = workbook.worksheets[0]
        rows = [(number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
        workbook.close()
        return rows
    raise FileError(_("chỉ nhận tệp .xlsx hoặc .csv"))


def find_header(rows):
    """(index of the header row, {field: column}) — the first row naming the required columns."""
    for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = {}
        for column, cell in enumerate(cells):
            name = COLUMNS.get(re.sub(r"\s+", " ", fold(str(cell or ""))).strip())
            if name and name not in columns:
                columns[name] = column
        if all(name in columns for name in REQUIRED):
            return index, columns
    raise FileError(_("không thấy dòng tiêu đề có các cột Thứ/Ngày, Giờ, Nội dung"))


def parse_day(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE.search(str(value or ""))
    if not match:
        raise LineError(_("ngày không đúng dạng “Thứ Hai, 07/12/2026”: %(value)s") % {"value": str(value)[:40]})
    day, month, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise LineError(_("không có ngày %(value)s") % {"value": match.group()}) from None


def _one_time(text):
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def parse_times(value):
    """(start, end or None) from "07:30", "7h30", "07:30 - 11:00" or an Excel time."""
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0), None
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0), None
    text = str(value or "").strip()
    parts = [part for part in re.split(r"\s*[-–—]\s*|\s+đến\s+", text) if part]
    times = [_one_time(part) for part in parts]
    if not 1 <= len(times) <= 2 or None in times:
        raise LineError(_("giờ không đúng dạng “07:30”: %(value)s") % {"value": text[:40]})
    return times[0], times[1] if len(times) == 2 else None


def _cell(cells, columns, name):
    column = columns.get(name)
    value = cells[column] if column is not None and column < len(cells) else None
    return "" if value is None else value


class ScheduleImporter:
    def __init__(self, hostname=None, draft=False):
        self.draft = draft
        site = (
            Site.objects.filter(hostname__iexact=hostname).first()
            if hostname
            else Site.objects.filter(is_default_site=True).first()
        )
        schedule = SchedulePage.objects.child_of(site.root_page).first() if site else None
        if schedule is None:
            raise FileError(_("không có trang lịch công tác của phường, xã %(host)s") % {"host": hostname or "?"})
        self.schedule = schedule
        # A "Chủ trì" cell naming one of the ward's leaders in office links the entry to that leader.
        self.leaders = current_leaders(site.root_page)

    def parse(self, rows, report):
        """Entries read from the rows, by week; bad rows go to the report."""
        header, columns = find_header(rows)
        by_week, day = {}, None
        for number, cells in rows[header + 1 : header + 1 + MAX_ROWS]:
            if not any(str(cell or "").strip() for cell in cells):
                continue
            try:
                raw_day = _cell(cells, columns, "date")
                if str(raw_day).strip():
                    day = parse_day(raw_day)
                if day is None:
                    raise LineError(_("thiếu ngày"))
                start, end = parse_times(_cell(cells, columns, "time"))
                content = normalize_text(str(_cell(cells, columns, "content")), multiline=True)
                if not content:
                    raise LineError(_("thiếu nội dung"))
                values = {"date": day, "start_time": start, "end_time": end, "content": content}
                for name in ("chair", "participants", "location", "preparing_unit", "notes"):
                    values[name] = normalize_text(str(_cell(cells, columns, name)), multiline=True)
            except LineError as exc:
                report.refuse(number, exc)
                continue
            by_week.setdefault(Week.of(day), []).append(values)
        if len(rows) > header + 1 + MAX_ROWS:
            report.refuse(rows[header + 1 + MAX_ROWS][0], _("tệp quá dài; phần sau bị bỏ qua"))
        return by_week

    def import_rows(self, rows):
        report = ScheduleReport()
        for week, entries in self.parse(rows, report).items():
            with transaction.atomic():
                self.import_week(week, entries, report)
            report.weeks.add(week.iso)
        return report

    def import_week(self, week, entries, report):
        page = ScheduleWeekPage.objects.child_of(self.schedule).filter(week_start=week.monday).first()
        if page is None:
            page = ScheduleWeekPage(week_start=week.monday, title=week.label(), slug=week.iso.lower(), live=False)
            self.schedule.add_child(instance=page)
            page = ScheduleWeekPage.objects.get(pk=page.pk)
        else:
            # The newest revision is what the editors see: importing over it keeps their draft's rows.
            page = page.get_latest_revision_as_object()
        rows = list(page.entries.all())
        known = {(row.date, row.start_time, fold(row.content)): row for row in rows}
        for values in entries:
            row = known.get((values["date"], values["start_time"], fold(values["content"])))
            values = {**values, "chair_leader_id": self.chair_leader_id(values["chair"], row)}
            if row is None:
                rows.append(ScheduleEntry(**values))
                report.count("created")
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                report.count("updated")
            else:
                report.count("unchanged")
        page.entries = rows
        revision = page.save_revision(clean=False)
        if not self.draft:
            revision.publish()

    def chair_leader_id(self, chair, row):
        """The leader the cell names; else the row's link kept while its chair text is unchanged (an editor
        may have linked a name the file spells otherwise)."""
        leader = leader_named(chair, self.leaders)
        if leader is not None:
            return leader.pk
        if row is not None and fold(row.chair) == fold(chair):
            return row.chair_leader_id
        return None
