"""TOTP two-factor: forced for approvers, administrators and superusers, optional for the rest."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial.models import Role
from editorial.tests.fixtures import PASSWORD


def _code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _password_login(client, user):
    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize("role", [Role.CHIEF, Role.ADMIN])
def test_approvers_and_admins_must_set_up_two_factor(client, ward_site, make_staff, role):
    user = make_staff(ward_site, role)
    _password_login(client, user)

    response = client.get(reverse("wagtailadmin_explore_root"))
    setup_url = reverse("accounts_two_factor_setup")
    assert response.status_code == 302 and response["Location"].startswith(setup_url)

    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "bắt buộc" in text

    wrong = client.post(setup_url, {"token": "000000" if _code(TOTPDevice.objects.get(user=user)) != "000000" else "1"})
    assert "không khớp" in wrong.content.decode() or "6 chữ số" in wrong.content.decode()
    assert not TOTPDevice.objects.get(user=user).confirmed


def test_setting_up_with_a_real_code_opens_the_admin(client, ward_site, make_staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = make_staff(ward_site, Role.CHIEF)
    _password_login(client, user)
    setup_url = reverse("accounts_two_factor_setup")
    client.get(setup_url)
    device = TOTPDevice.objects.get(user=user)

    response = client.post(f"{setup_url}?next=/admin/pages/", {"token": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_confirmed_device_is_asked_for_on_every_new_login(client, ward_site, make_staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = make_staff(ward_site, Role.REPORTER)
    device = TOTPDevice.objects.create(user=user, name="điện thoại", confirmed=True)
    _password_login(client, user)

    response = client.get(reverse("wagtailadmin_home"))
    verify_url = reverse("accounts_two_factor_verify")
    assert response.status_code == 302 and response["Location"].startswith(verify_url)

    wrong = client.post(verify_url, {"token": "12345"})
    assert "6 chữ số" in wrong.content.decode()
    bad = str((int(_code(device)) + 1) % 1_000_000).zfill(6)
    assert "không đúng" in client.post(verify_url, {"token": bad}).content.decode()
    # An outside `next` is ignored: no open redirect after verification.
    ok = client.post(verify_url, {"token": _code(device), "next": "https://evil.example/"})
    assert ok.status_code == 302 and ok["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_pages_awaiting_the_second_factor_still_get_their_icons(client, ward_site, make_staff):
    # The admin's pages fetch the icon sprite and insert the answer into themselves; redirected, the
    # verification page got a second copy of its own form, whose `next` sent the user to the sprite.
    user = make_staff(ward_site, Role.CHIEF)
    TOTPDevice.objects.create(user=user, name="điện thoại", confirmed=True)
    _password_login(client, user)

    response = client.get(reverse("wagtailadmin_sprite"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_two_factor_is_optional_for_reporters_and_editors(client, ward_site, make_staff):
    for role in (Role.REPORTER, Role.EDITOR):
        user = make_staff(ward_site, role)
        _password_login(client, user)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        # … and they can turn it on from their account.
        assert client.get(reverse("accounts_two_factor_setup")).status_code == 200
        client.logout()


def test_superusers_must_use_two_factor(client, django_user_model, ward_site):
    django_user_model.objects.create_superuser("quan-tri-vien", "qt@example.org", PASSWORD)
    client.post(reverse("wagtailadmin_login"), {"username": "quan-tri-vien", "password": PASSWORD})
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts_two_factor_setup"))
