"""Two-factor authentication with TOTP apps (django-otp), enforced for the Wagtail admin.

Approvers (Trưởng ban biên tập), ward administrators (Quản trị) and superusers must confirm a code
from an authenticator app before any admin page opens; they are sent to set one up on their first
login. Everyone else may turn it on from their account page and is then asked for codes too.
"""

from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial.roles import requires_two_factor

SETUP_URL_NAME = "accounts_two_factor_setup"
VERIFY_URL_NAME = "accounts_two_factor_verify"
# Admin views reachable before the second factor: signing in and out, resetting a forgotten password, and
# what Wagtail serves to anyone (translations, the icon sprite). Every admin page, the verification page
# included, fetches the sprite and pastes the answer into itself: redirected here, it pasted a second copy
# of this form, whose `next` led to the sprite.
EXEMPT_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    SETUP_URL_NAME,
    VERIFY_URL_NAME,
}


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: sends unverified admin users to confirm or set up a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if not request.path_info.startswith(f"/{settings.PORTAL_ADMIN_PATH}/"):
            return None
        match = request.resolver_match
        if match is None or match.url_name in EXEMPT_URL_NAMES:
            return None
        if user_has_device(user):
            target = VERIFY_URL_NAME
        elif requires_two_factor(user):
            target = SETUP_URL_NAME
        else:
            return None
        return redirect(f"{reverse(target)}?next={request.get_full_path()}")


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Mã xác thực"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Mã xác thực gồm 6 chữ số.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _check_token(device, token):
    allowed, _details = device.verify_is_allowed()
    return allowed and device.verify_token(token)


def verify(request):
    """Ask for the current code from the user's authenticator app."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        for device in devices_for_user(request.user, for_verify=True):
            if _check_token(device, token):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn. Vui lòng thử lại sau giây lát."))
    context = {"form": form, "next": _next_url(request), "page_title": _("Xác thực hai bước")}
    return TemplateResponse(request, "accounts/two_factor_verify.html", context)


def setup(request):
    """Pair an authenticator app: show its QR code and confirm with a first code."""
    if user_has_device(request.user) and request.user.is_verified():
        context = {"enabled": True, "page_title": _("Xác thực hai bước")}
        return TemplateResponse(request, "accounts/two_factor_setup.html", context)
    if user_has_device(request.user):
        return redirect(f"{reverse(VERIFY_URL_NAME)}?next={_next_url(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=_("Ứng dụng xác thực"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _check_token(device, form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Mã xác thực không khớp. Kiểm tra giờ trên điện thoại rồi nhập mã mới."))
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": _grouped_secret(device),
        "required": requires_two_factor(request.user),
        "next": _next_url(request),
        "page_title": _("Thiết lập xác thực hai bước"),
    }
    return TemplateResponse(request, "accounts/two_factor_setup.html", context)


def _qr_svg(data):
    buffer = BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buffer)
    svg = buffer.getvalue().decode()
    # The SVG is drawn by qrcode from our own otpauth:// URL, never from user markup.
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308


def _grouped_secret(device):
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
