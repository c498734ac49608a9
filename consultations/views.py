"""The public side of a draft's page: the page itself, the comment form and the thank-you page.

The window is checked by the server on every POST before anything else: a comment sent before the opening or
after the closing is refused (403), however it is sent — from a form page loaded while it was open, with a
replayed token, or posted directly — and nothing of it is stored. The form and the thank-you page are private
to their reader (the form sets the CSRF cookie; the thank-you page names a code)."""

import re

from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from consultations.forms import CommentForm
from consultations.models import Comment, State
from consultations.publishing import contact_days
from core import freshness
from intake import guard, moderation

PURPOSE = "consultation"
_CODE = re.compile(r"GY-[A-Z0-9]{10}")


def detail(page, request):
    now = timezone.now()
    freshness.limit(request, page.refresh_moment(now))
    context = {
        "state": page.state(now),
        "files": list(page.files.select_related("document")),
        "comments": list(page.comments.published()),
    }
    return page.render(request, context_overrides=context)


def _closed_message(page, now):
    if page.state(now) == State.UPCOMING:
        return _("Dự thảo này chưa đến thời gian lấy ý kiến. Vui lòng quay lại từ %(moment)s.") % {
            "moment": timezone.localtime(page.opens_at).strftime("%H:%M ngày %d/%m/%Y")
        }
    return _("Đã hết hạn lấy ý kiến dự thảo này (hạn cuối %(moment)s). Phường không nhận thêm góp ý.") % {
        "moment": timezone.localtime(page.closes_at).strftime("%H:%M ngày %d/%m/%Y")
    }


def comment(page, request):
    site = page.get_site()
    now = timezone.now()
    form, refused, closed = None, None, None
    if not page.is_open(now):
        closed = _closed_message(page, now)
    elif request.method == "POST":
        form, refused, item = guard.receive(
            request,
            site.pk,
            PURPOSE,
            lambda data: CommentForm(data, consultation=page),
            lambda form: _receive(form, page, site),
        )
        if item is not None:
            return HttpResponseRedirect(page.get_url(request) + page.reverse_subpage("thanks") + f"?ma={item.code}")
    else:
        form = CommentForm(consultation=page)
    context = {
        "form": form,
        "refused": refused,
        "closed": closed,
        "protection": guard.protection(PURPOSE) if closed is None else None,
        "contact_days": contact_days(),
    }
    response = page.render(request, context_overrides=context, template="consultations/comment.html")
    if closed is not None:
        response.status_code = 403 if request.method == "POST" else 200
    return guard.answer(response, form if request.method == "POST" else None, refused)


def _receive(form, page, site):
    item = form.save(commit=False)
    item.site = site
    item.consultation = page
    item.consent_at = timezone.now()
    subject = _("[Lấy ý kiến] Góp ý mới %(code)s") % {"code": item.code}
    body = _(
        "Cổng thông tin %(site)s vừa nhận một góp ý (mã %(code)s) cho dự thảo “%(title)s”.\n"
        "Xem và xử lý trong trang quản trị, mục Góp ý dự thảo.\n"
    ) % {"site": site.site_name or site.hostname, "code": item.code, "title": page.title}
    return moderation.receive(item, (item.full_name, item.organisation, item.reference, item.text), subject, body)


def thanks(page, request):
    code = (request.GET.get("ma") or "").strip().upper()[:16]
    # A code of any other shape never reaches the database (PostgreSQL refuses a NUL in a query).
    item = Comment.objects.filter(consultation=page, code=code).first() if _CODE.fullmatch(code) else None
    response = page.render(request, context_overrides={"item": item}, template="consultations/thanks.html")
    if item is None:
        response.status_code = 404
    patch_cache_control(response, private=True, no_store=True)
    return response
