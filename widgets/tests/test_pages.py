"""Pages with the widgets: they render from stored data only, whatever the outside services do."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from editorial.tests.fixtures import login_verified
from wards.models import WardSettings
from widgets.models import FxSnapshot, WidgetSettings
from widgets.reading import FX_KEY, weather_key
from widgets.refresh import FX_MIN_INTERVAL, refresh_fx, refresh_weather
from widgets.tests.fake import closed_port, good_fx, good_weather
from widgets.tests.helpers import fx_row, text_of

pytestmark = pytest.mark.django_db

T0 = timezone.now() - datetime.timedelta(hours=1)


@pytest.fixture
def article(ward_site, make_article):
    ward = WardSettings.for_site(ward_site)
    ward.latitude, ward.longitude = Decimal("20.95000"), Decimal("107.07000")
    ward.save()
    return make_article(ward_site, "Phường ra quân làm sạch bãi biển")


def test_article_renders_with_services_unreachable_and_nothing_stored(article, settings, client):
    port = closed_port()
    settings.PORTAL_WEATHER_URL = f"http://127.0.0.1:{port}/v1/forecast"
    settings.PORTAL_FX_URL = f"http://127.0.0.1:{port}/fx"
    settings.WIDGETS_HTTP = {**settings.WIDGETS_HTTP, "backoff": 0.01}
    with pytest.raises(CommandError, match="2 nguồn lỗi"):
        call_command("refresh_widgets")

    response = client.get(article.url, HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phường ra quân làm sạch bãi biển" in html
    sidebar = html[html.index('<aside class="sidebar"') :]
    assert text_of(sidebar).count("nguồn không trả lời từ") == 2
    assert "Thời tiết" in sidebar and "Tỷ giá ngoại tệ" in sidebar


def test_rendering_never_calls_out(article, fake, widget_settings, client):
    fake.weather(good_weather())
    fake.fx(good_fx())
    refresh_weather(now=T0)
    refresh_fx(now=T0)
    asked = len(fake.requests)
    for _ in range(3):
        response = client.get(article.url, HTTP_HOST="localhost")
        assert response.status_code == 200
    assert len(fake.requests) == asked == 2
    text = text_of(response.content.decode())
    assert "22,4 °C" in text and "26.385" in text


def test_each_widget_costs_at_most_one_query_and_none_when_cached(article, fake, widget_settings, client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # count what rendering costs, not a cached page
    fake.weather(good_weather())
    fake.fx(good_fx())
    refresh_weather(now=T0)
    refresh_fx(now=T0)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.url, HTTP_HOST="localhost").status_code == 200
        return len(captured)

    WidgetSettings.objects.update_or_create(site=article.get_site(), defaults={"show_weather": False, "show_fx": False})
    queries()  # warms Wagtail's own caches
    off = queries()
    # Saved as the admin saves it: the site's generation moves on and the next page reads the settings again.
    WidgetSettings.objects.update_or_create(site=article.get_site(), defaults={"show_weather": True, "show_fx": True})
    queries()
    cache.delete_many([FX_KEY, weather_key(Decimal("20.95"), Decimal("107.07"))])
    cold = queries()
    warm = queries()
    assert cold - off == 2
    assert warm == off


def test_a_new_snapshot_shows_at_once(plain_site, fake, widget_settings):
    from widgets.tests.helpers import render_sidebar

    fake.fx(good_fx())
    refresh_fx(now=T0)
    assert fx_row(render_sidebar(plain_site), "USD")[2] == "26.385"
    fake.fx(good_fx(when="11/26/2026 3:00:00 PM", rates={"USD": ("US DOLLAR ", "26,100.00", "26,130.00", "26,380.00")}))
    refresh_fx(now=T0 + datetime.timedelta(seconds=FX_MIN_INTERVAL))
    assert fx_row(render_sidebar(plain_site), "USD")[2] == "26.380"


def store_history(fake, sells):
    """One snapshot a day for the last len(sells) days, oldest first."""
    start = timezone.now() - datetime.timedelta(days=len(sells))
    for day, sell in enumerate(sells):
        fake.fx(
            good_fx(
                when=f"{(start + datetime.timedelta(days=day)):%m/%d/%Y} 8:00:00 AM",
                rates={"USD": ("US DOLLAR ", "26,000.00", "26,030.00", sell)},
            )
        )
        assert refresh_fx(now=start + datetime.timedelta(days=day, hours=1))[0].status == "stored"


def test_exchange_rate_page_draws_the_usd_chart(plain_site, fake, widget_settings, client):
    store_history(fake, ["26,300.00", "26,350.00", "26,320.00", "26,400.00"])
    # A snapshot from before the window only sets where the line starts.
    FxSnapshot.objects.filter(usd_sell=Decimal("26300.00")).update(
        fetched_at=timezone.now() - datetime.timedelta(days=40)
    )
    response = client.get("/ty-gia/", HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index('<svg class="chart"') : html.index("</svg>", html.index('<svg class="chart"'))]
    assert svg.count("<circle") == 3
    path = re.search(r'<path class="chart-line" d="([^"]+)"', svg).group(1)
    assert path.count("V") == 3 and path.startswith("M64.0 ")
    assert "Thấp nhất 26.300 đồng, cao nhất 26.400 đồng, hiện tại 26.400 đồng" in text_of(svg)
    # Every currency of the table, the site's choice first; the caption that rates are for reference.
    text = text_of(html)
    assert "Tỷ giá chỉ có giá trị tham khảo" in text
    assert text.index("USD") < text.index("CAD")
    assert "<script" not in html.split("</head>")[1]


def test_exchange_rate_page_without_data_and_when_switched_off(plain_site, client):
    response = client.get("/ty-gia/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "Chưa có dữ liệu để vẽ biểu đồ" in text_of(response.content.decode())
    # As the admin saves it (the page view wrote no row; saving one refreshes the site's cached settings).
    WidgetSettings.objects.update_or_create(site=plain_site, defaults={"show_fx": False})
    assert client.get("/ty-gia/", HTTP_HOST="localhost").status_code == 404


def test_editor_settings_in_admin(plain_site, client, django_user_model):
    from django.core.exceptions import ValidationError

    admin = django_user_model.objects.create_superuser("bientap", "bt@example.org", "mat-khau-dai-1")
    login_verified(client, admin)
    url = f"/admin/settings/widgets/widgetsettings/{plain_site.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Ngoại tệ hiển thị" in response.content.decode() or "ngoại tệ hiển thị" in response.content.decode()

    config = WidgetSettings.for_site(plain_site)
    config.currencies = " usd, eur;jpy usd "
    config.full_clean()
    assert config.currency_list == ["USD", "EUR", "JPY"]
    config.currencies = "USD, XAU"
    with pytest.raises(ValidationError, match="XAU"):
        config.full_clean()
