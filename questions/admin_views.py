"""The moderators' queue in the admin: each moderator sees and acts on the questions of the sites they
moderate (intake.moderation.moderated_sites) and nothing else; another site's question is not found."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from intake.moderation import history, moderated_sites
from questions.forms import ModerationForm
from questions.models import Question
from questions.publishing import publish, reject, save_draft

STATUS_FILTERS = {"": None, **{status.value: status for status in Question.Status}}


def _questions(request):
    sites = moderated_sites(request.user)
    if not sites.exists():
        raise PermissionDenied
    return Question.objects.filter(site__in=sites).select_related("site", "topic"), sites


def queue(request):
    questions, sites = _questions(request)
    status = request.GET.get("trang-thai", Question.Status.PENDING)
    if status not in STATUS_FILTERS:
        status = Question.Status.PENDING
    if status == Question.Status.PENDING:
        questions = questions.in_queue()
    elif status:
        questions = questions.filter(status=status)
    page = Paginator(questions, 50).get_page(request.GET.get("p"))
    context = {"page_obj": page, "status": status, "statuses": Question.Status.choices, "many_sites": sites.count() > 1}
    return render(request, "questions/admin/queue.html", context)


def moderate(request, pk):
    questions, _sites = _questions(request)
    question = questions.filter(pk=pk).first()
    if question is None:
        raise Http404
    form = ModerationForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        if action == "publish" and form.check_publishable():
            page = publish(form.save(commit=False), request.user)
            messages.success(
                request, _("Đã đăng câu hỏi %(code)s: %(title)s") % {"code": question.code, "title": page.title}
            )
            return redirect("questions_queue")
        if action == "reject" and form.check_rejectable():
            reject(form.save(commit=False), request.user)
            messages.success(request, _("Đã xử lý không đăng câu hỏi %(code)s.") % {"code": question.code})
            return redirect("questions_queue")
        if action == "save":
            save_draft(form.save(commit=False), request.user)
            messages.success(request, _("Đã lưu câu hỏi %(code)s.") % {"code": question.code})
            return redirect("questions_moderate", pk=question.pk)
    context = {"question": question, "form": form, "history": history(question)}
    return render(request, "questions/admin/moderate.html", context, status=400 if form.errors else 200)
