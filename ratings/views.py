"""POST /danh-gia/ (the block every public page carries) and GET /danh-gia/cam-on/ (the thank-you page).

The block is part of cached pages, so it can carry nothing per reader: no CSRF token, no signed time, no
challenge. What stands for them (docs/ratings.md): the browser's own word that the form came from this site
(Sec-Fetch-Site, else Origin, else Referer), the honeypot, a size limit, a rate limit per network (stats.limits),
one rating per visitor, page and day, and a cap per network and page and day. A comment also counts against the
citizen forms' limits (intake.limits) and waits for a moderator; it is never public.
"""

import logging
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from core.client_address import client_ip
from core.sites import site_id_for_request
from intake import guard
from intake import limits as intake_limits
from ratings import recording
from ratings.forms import RatingForm, valid_path
from stats import pages
from stats.limits import count_in_window
from stats.visitors import address_key, local_day

COMMENT_PURPOSE = "rating-comment"
MAX_BYTES = 8 * 1024
RESULTS = ("counted", "comment", "already")
logger = logging.getLogger(__name__)


def rate_wait(request, site_id):
    """None when this network may send one more rating to the site, else the seconds to wait."""
    limit = int(getattr(settings, "PORTAL_RATING_RATE_PER_ADDRESS", 20))
    if limit <= 0:
        return None
    key = address_key(site_id, client_ip(request), local_day())
    count, wait = count_in_window(f"ratings:rate:{key}", int(getattr(settings, "PORTAL_RATING_RATE_WINDOW", 600)))
    return None if count <= limit else wait


def same_origin(request):
    """Whether the browser says the form was sent from a page of this site (the CSRF check of a cached form)."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site:
        return fetch_site == "same-origin"
    own = f"{request.scheme}://{request.get_host()}".lower()
    for header in ("HTTP_ORIGIN", "HTTP_REFERER"):
        value = request.META.get(header)
        if value:
            try:
                parts = urlsplit(value)
            except ValueError:
                return False
            return f"{parts.scheme}://{parts.netloc}".lower() == own
    return False


def _answer(request, status, message, *, form=None, path=None, result=None):
    context = {
        "message": message,
        "form": form,
        "back": path if valid_path(path) else "/",
        "result": result,
        "failed": status >= 400,
    }
    response = render(request, "ratings/answer.html", context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _refused(request, refused, path=None):
    response = _answer(request, refused.status, refused.message, path=path)
    if refused.wait:
        response["Retry-After"] = str(refused.wait)
    return response


@csrf_exempt  # a cached page carries no token; same_origin() is the check instead
@require_POST
def rate(request):
    site_id = site_id_for_request(request)
    if site_id is None:
        return _answer(request, 404, _("Không xác định được cổng thông tin."))
    if guard.content_length(request) > MAX_BYTES:
        return _refused(request, guard.Refused(guard.TOO_LARGE))
    if not same_origin(request):
        return _answer(request, 403, _("Không nhận đánh giá gửi từ trang web khác. Vui lòng đánh giá ngay trên trang."))
    wait = rate_wait(request, site_id)
    if wait is not None:
        return _refused(request, guard.Refused(guard.RATE_VISITOR, wait))
    try:
        data = request.POST
    except MultiPartParserError:  # Django's own answer would be an English page
        return _answer(request, 400, _("Không đọc được nội dung gửi lên. Vui lòng đánh giá ngay trên trang."))
    path = data.get("path", "")
    if data.get(guard.HONEYPOT_FIELD, ""):
        return _refused(request, guard.Refused(guard.HONEYPOT), path)
    form = RatingForm(data)
    if not form.is_valid():
        if "path" in form.errors:
            return _answer(request, 400, _("Không rõ trang được đánh giá. Vui lòng đánh giá ngay trên trang."))
        return _answer(request, 400, _("Vui lòng sửa lỗi dưới đây rồi gửi lại."), form=form, path=path)
    path, score, comment = (form.cleaned_data[name] for name in ("path", "score", "comment"))
    page_id = pages.resolve(site_id, path)
    if page_id is None:
        return _answer(request, 404, _("Không có trang này trên cổng thông tin."))
    if comment:
        wait = intake_limits.visitor_wait(request, site_id, COMMENT_PURPOSE)
        reason = guard.RATE_VISITOR
        if wait is None:
            wait, reason = intake_limits.site_wait(site_id, COMMENT_PURPOSE), guard.RATE_SITE
        if wait is not None:
            return _refused(request, guard.Refused(reason, wait), path)
    ua = request.META.get("HTTP_USER_AGENT", "")[:512]
    try:
        outcome, saved = recording.record(site_id, path, page_id, client_ip(request), ua, score, comment)
    except DatabaseError:
        logger.warning("Không ghi được đánh giá vào cơ sở dữ liệu", exc_info=True)
        response = _answer(request, 503, _("Tạm thời không ghi nhận được đánh giá; vui lòng thử lại sau."), path=path)
        response["Retry-After"] = "5"
        return response
    if outcome is recording.Outcome.CAPPED:
        message = _("Hôm nay trang này đã nhận đủ số đánh giá từ mạng của bạn; đánh giá này không được ghi nhận.")
        return _answer(request, 429, message, path=path)
    result = "already" if outcome is recording.Outcome.ALREADY else "comment" if saved else "counted"
    # 303: the browser fetches the thank-you page with GET, so reloading it sends nothing again.
    return HttpResponseRedirect(reverse("ratings_thanks") + "?" + urlencode({"trang": path, "kq": result}), status=303)


@require_GET
def thanks(request):
    if site_id_for_request(request) is None:
        return _answer(request, 404, _("Không xác định được cổng thông tin."))
    result = request.GET.get("kq")
    result = result if result in RESULTS else "counted"
    messages = {
        "counted": _("Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp phường làm thông tin tốt hơn."),
        "comment": _("Cảm ơn bạn đã đánh giá và góp ý. Góp ý được chuyển đến cán bộ phường và không đăng công khai."),
        "already": _(
            "Hôm nay bạn đã đánh giá trang này; mỗi người đánh giá một trang một lần mỗi ngày, nên lần gửi này "
            "(cả góp ý nếu có) không được ghi nhận."
        ),
    }
    return _answer(request, 200, messages[result], path=request.GET.get("trang"), result=result)
