"""Password rules, password reset by email, and idle sessions."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from editorial.models import Role


@pytest.mark.parametrize(
    "password",
    ["ngan-Qua1", "chuthuongdaithatday", "Honggai@2026-xyz", "Matkhau#2026!", "12345678901234"],
)
def test_weak_passwords_are_refused(ward_site, password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_strong_password_passes(ward_site):
    validate_password("Tre-Xanh-Ven-Bien-9")


def test_password_reset_by_email(client, ward_site, make_staff):
    user = make_staff(ward_site, Role.REPORTER)
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/password_reset/confirm/[^\s]+", mail.outbox[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    confirm_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path

    weak = client.post(confirm_url, {"new_password1": "abcdefgh", "new_password2": "abcdefgh"})
    assert weak.status_code == 200
    user.refresh_from_db()
    assert not user.check_password("abcdefgh")

    done = client.post(confirm_url, {"new_password1": "Tre-Xanh-Ven-Bien-9", "new_password2": "Tre-Xanh-Ven-Bien-9"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Tre-Xanh-Ven-Bien-9")


def test_sessions_expire_after_inactivity(client, ward_site, make_staff, settings):
    user = make_staff(ward_site, Role.REPORTER)
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    # Every request renews the idle timer, and the cookie lives no longer than that timer.
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert 0 < settings.SESSION_COOKIE_AGE <= 3600
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
