"""Errors as RFC 9457 problem details, in Vietnamese or English as the client's Accept-Language prefers.

The project's gettext catalogue has Vietnamese only, so the two languages of each problem sit side by side
here; the `type` URI and `status` never change with the language.
"""

import json

from django.utils.translation.trans_real import parse_accept_lang_header

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "/api/problems/"

# code: (status, {language: (title, detail)})
PROBLEMS = {
    "bad-request": (
        400,
        {
            "vi": ("Tham số không hợp lệ", "Một hoặc nhiều tham số của yêu cầu không hợp lệ."),
            "en": ("Invalid parameters", "One or more parameters of the request are invalid."),
        },
    ),
    "unknown-site": (
        404,
        {
            "vi": ("Không có cổng thông tin", "Tên miền này không thuộc cổng thông tin phường, xã nào."),
            "en": ("Unknown site", "This hostname serves no ward portal."),
        },
    ),
    "not-found": (
        404,
        {
            "vi": ("Không tìm thấy", "Không có mục này, hoặc mục chưa được công bố."),
            "en": ("Not found", "There is no such item, or it is not published."),
        },
    ),
    "rate-limited": (
        429,
        {
            "vi": ("Quá nhiều yêu cầu", "Khoá truy cập này đã gửi quá nhiều yêu cầu; vui lòng thử lại sau."),
            "en": ("Too many requests", "This client has sent too many requests; please retry later."),
        },
    ),
    "unauthorized": (
        401,
        {
            "vi": ("Cần mã truy cập", "Thao tác ghi cần mã truy cập API của trang phường."),
            "en": ("Token required", "Writing needs an API token of the ward site."),
        },
    ),
    "forbidden": (
        403,
        {
            "vi": ("Không có quyền", "Mã truy cập này không được phép ghi vào trang phường này."),
            "en": ("Forbidden", "This token may not write to this ward site."),
        },
    ),
}

LANGUAGES = ("vi", "en")


def language(request):
    """'vi' or 'en': the first of them the client accepts (by q), Vietnamese when it names neither."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    try:
        preferences = parse_accept_lang_header(header[:255])
    except ValueError:
        preferences = ()
    for code, _quality in preferences:
        base = code.split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return "vi"


def body(request, code, errors=None):
    status, texts = PROBLEMS[code]
    lang = language(request)
    title, detail = texts[lang]
    problem = {"type": TYPE_BASE + code, "title": title, "status": status, "detail": detail}
    if errors:
        problem["errors"] = errors
    return status, lang, json.dumps(problem, ensure_ascii=False)


def invalid_params(errors):
    """Pydantic/ninja validation errors as [{"name", "reason"}]: where, and pydantic's (English) reason."""
    found = []
    for error in errors[:20]:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "params")]
        found.append({"name": ".".join(location)[:100], "reason": str(error.get("msg", ""))[:200]})
    return found
