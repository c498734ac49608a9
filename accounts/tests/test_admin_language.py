import pytest
from django.contrib.auth import get_user_model

from editorial.tests.fixtures import login_verified

pytestmark = pytest.mark.django_db


def test_admin_speaks_vietnamese_by_default(client, ward_site):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.org", "mat-khau-dai-12345")
    login_verified(client, user)  # superusers pass two-factor authentication before any admin page
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="vi"' in html
    # The dashboard's title, from the admin's Vietnamese catalogue.
    assert "<title>Trang tổng quan" in html
