"""The moderators' queue of questions in the admin (the shared parts: intake.admin_views)."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from intake.admin_views import decide, moderated_item, moderated_items, queue_context
from intake.moderation import history
from questions.forms import ModerationForm
from questions.models import Question
from questions.publishing import publish, reject, save_draft


def queue(request):
    questions, sites = moderated_items(request, Question)
    context = queue_context(request, Question, questions.select_related("site", "topic"), sites)
    return render(request, "questions/admin/queue.html", context)


def _published(question, user):
    page = publish(question, user)
    return _("Đã đăng câu hỏi %(code)s: %(title)s") % {"code": question.code, "title": page.title}


def _rejected(question, user):
    reject(question, user)
    return _("Đã xử lý không đăng câu hỏi %(code)s.") % {"code": question.code}


def _saved(question, user):
    save_draft(question, user)
    return _("Đã lưu câu hỏi %(code)s.") % {"code": question.code}


def moderate(request, pk):
    question = moderated_item(request, Question, pk)
    form = ModerationForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        done = decide(
            request,
            form,
            publish=_published,
            reject=_rejected,
            save=_saved,
            queue_url="questions_queue",
            item_url="questions_moderate",
        )
        if done is not None:
            return done
    context = {"question": question, "form": form, "history": history(question)}
    return render(request, "questions/admin/moderate.html", context, status=400 if form.errors else 200)
