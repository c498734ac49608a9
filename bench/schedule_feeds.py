"""The schedule's calendar feeds for a busy ward: size and answer time, whole ward and one leader.

    nice .venv/bin/python bench/schedule_feeds.py [--rounds 20]

Builds a throw-away SQLite database (migrations, one ward site with four leaders in its "Giới thiệu"
section), publishes 13 weeks of 40 entries around this week (three chairs linked to leaders, one free text),
unpublishes one week (its 40 entries stay in the feeds as cancelled), then asks Django's test client for the
whole ward's feed, a linked leader's feed, the free-text chair's feed and the week page, each with the page
cache emptied before every request (a render, not a cache hit), and once more with a matching ETag (304).
Prints a Markdown table: events, bytes, gzipped bytes, queries, median and worst time.
"""

import argparse
import datetime
import gzip
import statistics
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.harness import throwaway_django  # noqa: E402

WEEKS = range(-6, 7)
PER_WEEK = 40


def _count(log, execute, sql, params, many, context):
    log.append(sql)
    return execute(sql, params, many, context)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    throwaway_django("bench-schedule-")
    import icalendar
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client

    from schedule.models import ScheduleEntry, SchedulePage, ScheduleWeekPage
    from schedule.weeks import Week
    from wardinfo.models import LeaderPage, LeadersPage
    from wards.sites import ensure_ward_site

    site = ensure_ward_site("localhost", "Phường Hồng Gai", is_default=True, province="Tỉnh Quảng Ninh")
    leaders_page = LeadersPage.objects.descendant_of(site.root_page).get()
    leaders = []
    for title, position in [
        ("Nguyễn Văn An", "Bí thư Đảng uỷ phường"),
        ("Trần Thị Bình", "Chủ tịch Uỷ ban nhân dân phường"),
        ("Lê Văn Cường", "Phó Chủ tịch Uỷ ban nhân dân phường"),
    ]:
        leader = LeaderPage(title=title, position=position, term_start=datetime.date(2025, 7, 1))
        leaders_page.add_child(instance=leader)
        leader.save_revision().publish()
        leaders.append(leader)
    schedule = SchedulePage.objects.child_of(site.root_page).get()

    started = time.perf_counter()
    this_week = Week.current()
    for offset in WEEKS:
        monday = this_week.monday + datetime.timedelta(weeks=offset)
        week = ScheduleWeekPage(week_start=monday, title=f"w{offset}", slug=f"w{offset + 10}", live=False)
        schedule.add_child(instance=week)
        week.entries = [
            ScheduleEntry(
                date=monday + datetime.timedelta(days=n % 6),
                start_time=datetime.time(7 + n % 10, 30),
                content=f"Nội dung công tác số {n} của tuần: họp, kiểm tra, tiếp dân tại địa bàn",
                chair_leader=leaders[n % 4] if n % 4 < 3 else None,
                chair="" if n % 4 < 3 else "Phạm Thị Dung",
                participants="Lãnh đạo UBND; các ban ngành, đoàn thể; bí thư chi bộ, trưởng khu",
                location="Hội trường UBND phường",
            )
            for n in range(PER_WEEK)
        ]
        week.save_revision().publish()
    withdrawn = this_week.monday + datetime.timedelta(weeks=2)
    ScheduleWeekPage.objects.child_of(schedule).get(week_start=withdrawn).unpublish()
    built = time.perf_counter() - started

    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    client = Client()
    urls = {
        "whole ward": "/lich-cong-tac/ical/",
        "one leader (linked)": f"/lich-cong-tac/ical/{leaders[1].pk}-tran-thi-binh/",
        "one chair (free text)": "/lich-cong-tac/ical/pham-thi-dung/",
        "week page (40 entries)": "/lich-cong-tac/",
    }

    def fetch(url, **headers):
        caches["pages"].clear()
        began = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost", **headers)
        return response, time.perf_counter() - began

    rows = []
    for name, url in urls.items():
        response, _ = fetch(url)  # warm the template and Wagtail caches
        assert response.status_code == 200, (url, response.status_code)
        captured = []
        with connection.execute_wrapper(partial(_count, captured)):
            response, _ = fetch(url)
        body = response.content
        if "/ical/" in url:
            events = icalendar.Calendar.from_ical(body).walk("VEVENT")
            cancelled = sum(str(event["STATUS"]) == "CANCELLED" for event in events)
            count = f"{len(events)} ({cancelled} cancelled)"
        else:
            count = "–"
        times = [fetch(url)[1] for _ in range(args.rounds)]
        median_304 = None
        if response.has_header("ETag"):
            not_modified = [fetch(url, HTTP_IF_NONE_MATCH=response["ETag"]) for _ in range(args.rounds)]
            assert all(answer.status_code == 304 for answer, _ in not_modified)
            median_304 = statistics.median(elapsed for _, elapsed in not_modified)
        rows.append(
            (
                name,
                count,
                len(body),
                len(gzip.compress(body)),
                len(captured),
                statistics.median(times) * 1000,
                max(times) * 1000,
                "–" if median_304 is None else f"{median_304 * 1000:.1f}",
            )
        )

    print(
        f"Schedule feeds: {len(WEEKS)} weeks × {PER_WEEK} entries (one week unpublished), 3 linked leaders + 1 "
        f"free-text chair; {args.rounds} rounds each, page cache emptied before every request; "
        f"Python {sys.version.split()[0]}, SQLite, in process (set-up {built:.0f} s)"
    )
    print()
    print("| what | events | bytes | gzipped | queries | median (ms) | worst (ms) | 304 median (ms) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, count, size, zipped, queries, median, worst, median_304 in rows:
        print(f"| {name} | {count} | {size} | {zipped} | {queries} | {median:.0f} | {worst:.0f} | {median_304} |")


if __name__ == "__main__":
    main()
