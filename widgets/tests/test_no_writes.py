"""Reading a page never writes: a site nobody configured is shown with the default widget settings."""

import pytest

from widgets.models import WidgetSettings

pytestmark = pytest.mark.django_db


def test_exchange_rate_page_writes_no_settings_row(client, ward_site):
    WidgetSettings.objects.filter(site=ward_site).delete()
    before = WidgetSettings.objects.count()
    response = client.get("/ty-gia/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert WidgetSettings.objects.count() == before
