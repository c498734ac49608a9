"""Test fixtures: staff of each role on a ward site, and logging them in with their second factor confirmed."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial.models import ROLE_ORDER, SiteRole

PASSWORD = "Mật-khẩu-Thử-2026!"  # noqa: S105 - test accounts only


@pytest.fixture
def make_staff(db, django_user_model):
    def make(site, role, username=None):
        user = django_user_model.objects.create_user(
            username or f"{role}-{site.pk}", email=f"{role}-{site.pk}@example.org", password=PASSWORD
        )
        user.groups.add(SiteRole.objects.get(site=site, role=role).group)
        return user

    return make


@pytest.fixture
def staff(ward_site, make_staff):
    return {role: make_staff(ward_site, role) for role in ROLE_ORDER}


def login_verified(client, user):
    """Log in as the test client does, plus a confirmed TOTP device marked verified in the session."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
