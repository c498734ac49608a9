"""The server-side checks every citizen form runs before it reads a field (docs/citizen-input.md).

A form page renders `protection(purpose)` into its form (template intake/protection.html); the view that
receives the POST calls `check(request, site_id, purpose)`, which raises Refused with a Vietnamese message,
the HTTP status to answer and a reason code (counted by the tests) for: a body over the size limit, a burst
over the visitor's rate limit, a filled honeypot, a form sent too soon after it was shown (or with a forged or
stale timestamp), and a missing, wrong, expired or replayed proof of work. CSRF is Django's middleware.
Once the form's own fields are valid, `admit(site_id, purpose)` applies the per-site limit. `receive` runs the
whole POST side of a form in that order, `answer` gives the page it re-renders its status and headers.
"""

import json
import time

from django.conf import settings
from django.core import signing
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from intake import challenge, limits

HONEYPOT_FIELD = "website"
STARTED_FIELD = "started"
POW_FIELD = "altcha"
_SIGNING_SALT = "intake.form-started"

TOO_LARGE = "too_large"
RATE_VISITOR = "rate_visitor"
RATE_SITE = "rate_site"
HONEYPOT = "honeypot"
TOO_FAST = "too_fast"
BAD_TIMESTAMP = "bad_timestamp"

_MESSAGES = {
    TOO_LARGE: _("Nội dung gửi quá dài. Vui lòng rút gọn rồi gửi lại."),
    RATE_VISITOR: _("Bạn đã gửi nhiều lần trong thời gian ngắn. Vui lòng thử lại sau {minutes} phút."),
    RATE_SITE: _("Hệ thống đang nhận quá nhiều ý kiến. Vui lòng thử lại sau {minutes} phút."),
    HONEYPOT: _("Không gửi được biểu mẫu. Vui lòng tải lại trang rồi gửi lại."),
    TOO_FAST: _("Biểu mẫu được gửi quá nhanh sau khi mở. Vui lòng kiểm tra lại nội dung rồi gửi lại."),
    BAD_TIMESTAMP: _("Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng gửi lại biểu mẫu dưới đây."),
    challenge.MISSING: _(
        "Không xác minh được trình duyệt. Biểu mẫu cần JavaScript để xác minh chống thư rác (chỉ tính toán "
        "trên máy của bạn). Vui lòng bật JavaScript rồi gửi lại."
    ),
    challenge.INVALID: _("Không xác minh được trình duyệt. Vui lòng tải lại trang rồi gửi lại."),
    challenge.EXPIRED: _("Phiên xác minh đã hết hạn. Vui lòng gửi lại biểu mẫu dưới đây."),
    challenge.REPLAYED: _("Biểu mẫu này đã được gửi. Vui lòng gửi lại biểu mẫu dưới đây nếu bạn muốn gửi thêm."),
}
_STATUS = {TOO_LARGE: 413, RATE_VISITOR: 429, RATE_SITE: 429}


class Refused(Exception):
    """A submission the checks refuse; nothing of it is stored."""

    def __init__(self, reason, wait=None):
        self.reason = reason
        self.status = _STATUS.get(reason, 400)
        self.wait = wait
        minutes = max(1, -(-(wait or 0) // 60))
        self.message = str(_MESSAGES[reason]).format(minutes=minutes)
        super().__init__(reason)


def min_seconds():
    return float(getattr(settings, "PORTAL_INTAKE_MIN_SECONDS", 5))


def max_age():
    """A form left open longer than this is shown again (with a new challenge) rather than accepted."""
    return int(getattr(settings, "PORTAL_INTAKE_FORM_MAX_AGE", 6 * 3600))


def max_bytes():
    return int(getattr(settings, "PORTAL_INTAKE_MAX_BYTES", 32 * 1024))


def protection(purpose):
    """What a form page renders into its form: the signed time it was shown and a fresh challenge."""
    started = signing.dumps({"form": purpose, "at": time.time()}, salt=_SIGNING_SALT, compress=True)
    return {
        "honeypot_field": HONEYPOT_FIELD,
        "started_field": STARTED_FIELD,
        "started": started,
        "pow_field": POW_FIELD,
        "challenge": json.dumps(challenge.issue(purpose), separators=(",", ":")),
    }


def _elapsed(token, purpose):
    """Seconds since the form was shown, or None when the token is not one we signed for this form (or too old)."""
    try:
        data = signing.loads(token or "", salt=_SIGNING_SALT, max_age=max_age())
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or data.get("form") != purpose or not isinstance(data.get("at"), int | float):
        return None
    return time.time() - data["at"]


def content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def check(request, site_id, purpose):
    """Raise Refused unless the POST passes every check that does not depend on the form's own fields."""
    if content_length(request) > max_bytes():
        raise Refused(TOO_LARGE)
    wait = limits.visitor_wait(request, site_id, purpose)
    if wait is not None:
        raise Refused(RATE_VISITOR, wait)
    data = request.POST
    if data.get(HONEYPOT_FIELD, ""):
        raise Refused(HONEYPOT)
    elapsed = _elapsed(data.get(STARTED_FIELD), purpose)
    if elapsed is None or elapsed < -5:  # a little clock skew between workers is fine
        raise Refused(BAD_TIMESTAMP)
    if elapsed < min_seconds():
        raise Refused(TOO_FAST)
    refused = challenge.spend(data.get(POW_FIELD, ""), purpose)
    if refused:
        raise Refused(refused)


def admit(site_id, purpose):
    """Raise Refused when the site's queue has taken its allowance for now; else count this item."""
    wait = limits.site_wait(site_id, purpose)
    if wait is not None:
        raise Refused(RATE_SITE, wait)


def receive(request, site_id, purpose, bind, store):
    """The POST side of a protected form: (form, refusal or None, what `store(form)` returned or None).
    `bind(data)` makes the form (unbound for None); a refused form keeps what the person typed, except after a
    refusal that says nothing about them (an oversized body, a filled honeypot)."""
    try:
        check(request, site_id, purpose)
        form = bind(request.POST)
        if form.is_valid():
            admit(site_id, purpose)
            return form, None, store(form)
        return form, None, None
    except Refused as refused:
        keep = refused.reason not in (TOO_LARGE, HONEYPOT)
        return bind(request.POST if keep else None), refused, None


def answer(response, form, refused):
    """A form page's answer: the refusal's status (and Retry-After), 400 for a bound form with errors, and never
    kept by a cache or a proxy (the page sets the CSRF cookie and may show what a person typed)."""
    if refused is not None:
        response.status_code = refused.status
        if refused.wait:
            response["Retry-After"] = str(refused.wait)
    elif form is not None and form.is_bound:
        response.status_code = 400
    patch_cache_control(response, private=True, no_store=True)
    return response
