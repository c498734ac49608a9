"""A reader's view in headless Chromium: the article page's sidebar carries both widgets."""

from decimal import Decimal

import pytest

from wards.models import WardSettings
from widgets.refresh import refresh_fx, refresh_weather
from widgets.tests.fake import good_fx, good_weather

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_article_sidebar_shows_weather_and_rates(
    live_server, page, axe, ward_site, make_article, fake, widget_settings
):
    ward = WardSettings.for_site(ward_site)
    ward.latitude, ward.longitude = Decimal("20.95"), Decimal("107.07")
    ward.save()
    fake.weather(good_weather())
    fake.fx(good_fx())
    refresh_weather()
    refresh_fx()
    article = make_article(ward_site, "Khai trương nhà văn hoá khu phố 3")

    page.goto(live_server.url + article.url)
    sidebar = page.locator("aside.sidebar")
    weather = sidebar.locator(".widget-weather")
    assert weather.locator("h2").inner_text().lower() == "thời tiết"
    assert "22,4 °C" in weather.inner_text().replace("\xa0", " ")
    assert weather.locator("a[href='https://open-meteo.com/']").is_visible()
    fx = sidebar.locator(".widget-fx")
    assert fx.locator("tr", has_text="USD").locator("td").all_inner_texts() == ["26.105", "26.135", "26.385"]
    assert "tham khảo" in fx.inner_text()
    assert fx.locator("table").is_visible() and weather.locator("svg").first.is_visible()
    assert [v["id"] for v in axe(page) if v.get("impact") in {"serious", "critical"}] == []

    page.get_by_role("link", name="Bảng tỷ giá đầy đủ và biểu đồ").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Tỷ giá ngoại tệ"
    assert page.locator("svg.chart path.chart-line").count() == 1
