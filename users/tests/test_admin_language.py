import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_admin_speaks_vietnamese_by_default(client, ward_site):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.org", "mat-khau-dai-12345")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="vi"' in html
    # The dashboard's title, from the admin's Vietnamese catalogue.
    assert "<title>Trang tổng quan" in html
