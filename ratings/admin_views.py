"""The admin side: the results section of the statistics dashboard and its CSV (who sees which site: the
statistics' rule, stats.dashboard), and the moderators' list of comments (intake.moderation's sites)."""

import csv
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.moderation import log, moderated_sites
from ratings import reading
from ratings.models import SCORES, Comment
from stats.dashboard import choice
from stats.visitors import local_day

SHOWN_PAGES = 20


def _day_bounds(start, end):
    """The moments a span of Vietnam days begins and ends (the end excluded)."""
    zone = timezone.get_default_timezone()
    begin = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), zone)
    finish = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), zone)
    return begin, finish


def dashboard_section(request, site, start, end, days):
    """The ratings of the dashboard's site and period: the whole site, then its most rated pages."""
    site_result, pages = reading.results(site.pk, start, end)
    context = {
        "site": site,
        "days": days,
        "site_result": site_result,
        "pages": pages[:SHOWN_PAGES],
        "more_pages": max(0, len(pages) - SHOWN_PAGES),
        "comments": reading.comments_in(site.pk, *_day_bounds(start, end)),
        "scores": SCORES,
    }
    return render_to_string("ratings/admin/dashboard_section.html", context, request=request)


def export_csv(request):
    """Every rated page of the period (most ratings first), then the whole site."""
    _sites, site, days = choice(request)
    end = local_day()
    start = end - datetime.timedelta(days=days - 1)
    site_result, pages = reading.results(site.pk, start, end)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"danh-gia-{site.hostname}-{days}-ngay-{end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # spreadsheet programs then read the Vietnamese as UTF-8
    writer = csv.writer(response)
    score_columns = [_("Số lượt %(score)d điểm") % {"score": score} for score in SCORES]
    writer.writerow([_("Đường dẫn"), _("Trang"), _("Số lượt đánh giá"), _("Điểm trung bình"), *score_columns])
    for result in [*pages, site_result]:
        path = result.path or _("Toàn cổng (từ %(start)s đến %(end)s)") % {"start": start, "end": end}
        average = "" if result.average is None else f"{result.average:.2f}"
        # A title or path starting with = + - @ would be a formula to a spreadsheet: quote it as text.
        cells = [_as_text(path), _as_text(result.title), result.total, average]
        writer.writerow(cells + [n for _score, n in result.distribution])
    return response


def _as_text(value):
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _comments(request):
    sites = moderated_sites(request.user)
    if not sites.exists():
        raise PermissionDenied
    return Comment.objects.filter(site__in=sites).select_related("site"), sites


def queue(request):
    comments, sites = _comments(request)
    status = request.GET.get("trang-thai", Comment.Status.PENDING)
    if status not in Comment.Status.values:
        status = Comment.Status.PENDING
    comments = comments.in_queue() if status == Comment.Status.PENDING else comments.filter(status=status)
    context = {
        "page_obj": Paginator(comments, 50).get_page(request.GET.get("p")),
        "status": status,
        "statuses": Comment.Status.choices,
        "many_sites": sites.count() > 1,
    }
    return render(request, "ratings/admin/queue.html", context)


@require_POST
def decide(request, pk):
    """Mark a comment handled (Đã xử lý) or set aside (Bỏ qua); logged as every moderation action."""
    comments, _sites = _comments(request)
    comment = comments.filter(pk=pk).first()
    status = request.POST.get("status")
    if comment is None or status not in (Comment.Status.DONE, Comment.Status.DISMISSED):
        messages.error(request, _("Không tìm thấy góp ý hoặc thao tác không hợp lệ."))
        return redirect("ratings_comments")
    comment.status = status
    comment.save(update_fields=["status"])
    log(request.user, comment.site_id, comment, status)
    label = comment.get_status_display()
    messages.success(request, _("Đã chuyển góp ý sang trạng thái “%(status)s”.") % {"status": label})
    return redirect("ratings_comments")
