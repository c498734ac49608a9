"""The beacon and the numbers: POST /api/hit/, GET /api/hit.gif, GET /api/stats/."""

import base64
import json
import logging
import unicodedata

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from core.sites import site_id_for_request
from stats import limits, pages, reading
from stats.models import Source
from stats.recording import count_view
from stats.visitors import classify_referrer, client_ip, is_robot

MAX_BODY = 2048
MAX_PATH = 255
logger = logging.getLogger(__name__)

GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _error(message, status):
    response = JsonResponse({"error": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _valid_path(path):
    """A path as location.pathname gives it: no control characters (PostgreSQL refuses NUL) and no lone
    surrogates (they cannot be encoded); browsers percent-encode both, so only a forged beacon has them."""
    return (
        isinstance(path, str)
        and path.startswith("/")
        and not path.startswith("//")
        and len(path) <= MAX_PATH
        and not any(unicodedata.category(char) in ("Cc", "Cs") for char in path)
    )


def _count(request, path, referrer, source=None):
    """Shared by both beacons: validate, then count; returns an error response or None."""
    try:
        return _validate_and_count(request, path, referrer, source)
    except DatabaseError:
        # A read-only or full database: the hit was not counted, so say so (never a 204) and when to retry;
        # the connection is replaced after the request (portal.db_faults), so counting resumes by itself.
        logger.warning("Không ghi được lượt xem vào cơ sở dữ liệu", exc_info=True)
        response = _error(_("Tạm thời không ghi nhận được lượt xem; vui lòng thử lại sau."), 503)
        response["Retry-After"] = "5"
        return response


def _validate_and_count(request, path, referrer, source):
    if not _valid_path(path):
        return _error(_("Đường dẫn trang không hợp lệ."), 400)
    path = path.split("?", 1)[0].split("#", 1)[0]
    site_id = site_id_for_request(request)
    if site_id is None:
        return _error(_("Không xác định được cổng thông tin."), 404)
    ip = client_ip(request)
    wait = limits.seconds_to_wait(site_id, ip)
    if wait is not None:
        response = _error(_("Địa chỉ này gửi quá nhiều lượt xem; vui lòng thử lại sau."), 429)
        response["Retry-After"] = str(wait)
        return response
    page_id = pages.resolve(site_id, path)
    if page_id is None:
        return _error(_("Không có trang này trên cổng thông tin."), 404)
    if is_robot(request):
        return None
    if source is None:
        source = classify_referrer(referrer if isinstance(referrer, str) else "", request.get_host().split(":")[0])
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    count_view(site_id, path, page_id, ip, user_agent, source)
    return None


@csrf_exempt
@require_POST
def hit(request):
    content_type = request.content_type or ""
    if content_type not in ("text/plain", "application/json"):
        return _error(_("Chỉ nhận nội dung dạng text/plain hoặc application/json."), 415)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return _error(_("Nội dung gửi lên quá lớn."), 413)
    body = request.read(MAX_BODY + 1)
    if len(body) > MAX_BODY:
        return _error(_("Nội dung gửi lên quá lớn."), 413)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # RecursionError: arrays or objects nested deeper than Python's limit, still under MAX_BODY.
        return _error(_("Nội dung không phải JSON hợp lệ."), 400)
    if not isinstance(data, dict) or "path" not in data:
        return _error(_("Thiếu trường path."), 400)
    error = _count(request, data["path"], data.get("ref", ""))
    if error is not None:
        return error
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_GET
def hit_gif(request):
    """For browsers without JavaScript: <noscript><img src="/api/hit.gif?p=/path/">."""
    error = _count(request, request.GET.get("p", ""), "", source=Source.UNKNOWN)
    if error is not None:
        return error
    return HttpResponse(GIF, content_type="image/gif")


@require_GET
def numbers(request):
    site_id = site_id_for_request(request)
    if site_id is None:
        return _error(_("Không xác định được cổng thông tin."), 404)
    response = JsonResponse(reading.site_numbers(site_id))
    patch_cache_control(response, public=True, max_age=reading.cache_seconds())
    patch_vary_headers(response, ["Host"])
    return response
