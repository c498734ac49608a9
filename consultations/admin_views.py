"""The moderators' queue of comments on drafts in the admin: each moderator sees and acts on the comments of the
sites they moderate (intake.moderation.moderated_sites) and nothing else; another site's comment is not found."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from consultations.forms import CommentModerationForm
from consultations.models import Comment
from consultations.publishing import publish, reject, save_draft
from intake.moderation import history, moderated_sites

STATUS_FILTERS = {"": None, **{status.value: status for status in Comment.Status}}


def _comments(request):
    sites = moderated_sites(request.user)
    if not sites.exists():
        raise PermissionDenied
    return Comment.objects.filter(site__in=sites).select_related("site", "consultation"), sites


def queue(request):
    comments, sites = _comments(request)
    status = request.GET.get("trang-thai", Comment.Status.PENDING)
    if status not in STATUS_FILTERS:
        status = Comment.Status.PENDING
    if status == Comment.Status.PENDING:
        comments = comments.in_queue()
    elif status:
        comments = comments.filter(status=status)
    page = Paginator(comments, 50).get_page(request.GET.get("p"))
    context = {"page_obj": page, "status": status, "statuses": Comment.Status.choices, "many_sites": sites.count() > 1}
    return render(request, "consultations/admin/queue.html", context)


def moderate(request, pk):
    comments, _sites = _comments(request)
    comment = comments.filter(pk=pk).first()
    if comment is None:
        raise Http404
    initial = {} if comment.public_name else {"public_name": comment.full_name}
    form = CommentModerationForm(request.POST or None, instance=comment, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        if action == "publish" and form.check_publishable():
            publish(form.save(commit=False), request.user)
            messages.success(request, _("Đã đăng góp ý %(code)s.") % {"code": comment.code})
            return redirect("consultations_queue")
        if action == "reject" and form.check_rejectable():
            reject(form.save(commit=False), request.user)
            messages.success(request, _("Đã xử lý không đăng góp ý %(code)s.") % {"code": comment.code})
            return redirect("consultations_queue")
        if action == "save":
            save_draft(form.save(commit=False), request.user)
            messages.success(request, _("Đã lưu góp ý %(code)s.") % {"code": comment.code})
            return redirect("consultations_moderate", pk=comment.pk)
    context = {"comment": comment, "form": form, "history": history(comment)}
    return render(request, "consultations/admin/moderate.html", context, status=400 if form.errors else 200)
