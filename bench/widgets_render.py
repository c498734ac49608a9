"""What the sidebar widgets cost an article page: queries and median render time, widgets on vs off.

    nice .venv/bin/python bench/widgets_render.py [--rounds 200]

Builds a throw-away SQLite database (migrations, one ward site, one article), stores weather and
rate snapshots through the real refresh code from a local fake server, then renders the article
with Django's test client in interleaved rounds: widgets off (the reference), on with a warm cache,
and on with the snapshot cache emptied before each request. Prints a Markdown table.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.harness import throwaway_django  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    throwaway_django("bench-widgets-")
    from decimal import Decimal

    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.rich_text import RichText

    from news.models import ArticlePage, CategoryPage
    from wards.models import WardSettings
    from wards.sites import ensure_ward_site
    from widgets.models import WidgetSettings
    from widgets.reading import FX_KEY, weather_key
    from widgets.refresh import refresh_fx, refresh_weather
    from widgets.tests.fake import FX_PATH, WEATHER_PATH, FakeServices, good_fx, good_weather, start

    site = ensure_ward_site("localhost", "Phường Hồng Gai", is_default=True, province="Tỉnh Quảng Ninh")
    ward = WardSettings.for_site(site)
    ward.latitude, ward.longitude = Decimal("20.95"), Decimal("107.07")
    ward.save()
    category = CategoryPage.objects.child_of(site.root_page).first()
    article = ArticlePage(
        title="Bài đo thời gian hiển thị",
        lead="Bài viết dùng để đo chi phí hiển thị của các tiện ích.",
        body=[("paragraph", RichText("<p>" + "Nội dung bài viết mẫu. " * 80 + "</p>"))],
    )
    category.add_child(instance=article)
    article.save_revision().publish()

    services = FakeServices()
    server = start(services)
    settings.PORTAL_WEATHER_URL = services.base + WEATHER_PATH
    settings.PORTAL_FX_URL = services.base + FX_PATH
    services.weather(good_weather())
    services.fx(good_fx())
    assert refresh_weather()[0].status == "stored" and refresh_fx()[0].status == "stored"
    server.shutdown()

    # The test settings rescan static files on every request (autorefresh); production does not.
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    client = Client()
    url = article.url
    config = WidgetSettings.for_site(site)
    keys = [FX_KEY, weather_key(Decimal("20.95"), Decimal("107.07"))]

    def set_widgets(on):
        WidgetSettings.objects.filter(pk=config.pk).update(show_weather=on, show_fx=on)

    def render(mode):
        if mode == "on, cold cache":
            cache.delete_many(keys)
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost")
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        html = response.content.decode()
        assert ("26.385" in html) == (mode != "off"), mode
        return elapsed

    modes = ["off", "on, warm cache", "on, cold cache"]
    queries = {}
    for mode in modes:
        set_widgets(mode != "off")
        render(mode)  # warm Wagtail's and the template caches
        with CaptureQueriesContext(connection) as captured:
            render(mode)
        queries[mode] = len(captured)

    times = {mode: [] for mode in modes}
    for _ in range(args.rounds):
        for mode in modes:
            set_widgets(mode != "off")
            times[mode].append(render(mode))

    reference = statistics.median(times["off"])
    print(
        f"Article page, {args.rounds} rounds per mode, interleaved; "
        f"Python {sys.version.split()[0]}, SQLite, locmem cache"
    )
    print()
    print("| widgets | queries per render | median render (ms) | ratio to off |")
    print("|---|---|---|---|")
    for mode in modes:
        median = statistics.median(times[mode])
        print(f"| {mode} | {queries[mode]} | {median * 1000:.2f} | {median / reference:.3f} |")


if __name__ == "__main__":
    main()
