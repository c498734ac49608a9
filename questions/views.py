"""The public side of /hoi-dap/: the list of answered questions, the form, the thank-you page, the lookup.

The form, the thank-you page and the lookup are private to their reader (the form sets the CSRF cookie; the
other two name a code): never stored by the page cache or a proxy."""

import re

from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from core.text import remove_controls
from intake import guard, moderation
from questions.forms import QuestionForm
from questions.models import Question, QuestionPage, Topic
from questions.publishing import contact_days

PURPOSE = "question"
_CODE = re.compile(r"HD-[A-Z0-9]{10}")


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def index(page, request):
    site = page.get_site()
    published = QuestionPage.objects.child_of(page).live().public().select_related("topic").order_by("-answered_at")
    topics = [
        {"topic": topic, "items": [item for item in published if item.topic_id == topic.pk]}
        for topic in Topic.objects.filter(site=site)
    ]
    other = [item for item in published if item.topic_id is None]
    groups = [group for group in topics if group["items"]]
    if other:
        groups.append({"topic": None, "items": other})
    return page.render(request, context_overrides={"groups": groups})


def ask(page, request):
    site = page.get_site()
    form, refused = QuestionForm(site=site), None
    if request.method == "POST":
        form, refused, question = guard.receive(
            request, site.pk, PURPOSE, lambda data: QuestionForm(data, site=site), lambda form: _receive(form, site)
        )
        if question is not None:
            return HttpResponseRedirect(page.get_url(request) + page.reverse_subpage("thanks") + f"?ma={question.code}")
    context = {
        "form": form,
        "refused": refused,
        "protection": guard.protection(PURPOSE),
        "contact_days": contact_days(),
    }
    response = page.render(request, context_overrides=context, template="questions/ask.html")
    return guard.answer(response, form if request.method == "POST" else None, refused)


def _receive(form, site):
    question = form.save(commit=False)
    question.site = site
    question.consent_at = timezone.now()
    subject = _("[Hỏi đáp] Câu hỏi mới %(code)s") % {"code": question.code}
    body = _(
        "Cổng thông tin %(site)s vừa nhận một câu hỏi (mã %(code)s, chủ đề: %(topic)s).\n"
        "Xem và xử lý trong trang quản trị, mục Hỏi đáp.\n"
    ) % {"site": site.site_name or site.hostname, "code": question.code, "topic": question.topic}
    return moderation.receive(question, (question.full_name, question.text), subject, body)


def _by_code(page, request):
    code = (request.GET.get("ma") or "").strip().upper()[:16]
    if not _CODE.fullmatch(code):
        # Never sent to the database as it is: PostgreSQL refuses a NUL in a query (a 500 otherwise).
        return remove_controls(code), None
    return code, Question.objects.filter(site=page.get_site(), code=code).first()


def thanks(page, request):
    code, question = _by_code(page, request)
    response = page.render(request, context_overrides={"question": question}, template="questions/thanks.html")
    if question is None:
        response.status_code = 404
    return _private(response)


def lookup(page, request):
    code, question = _by_code(page, request)
    context = {"code": code, "question": question, "searched": bool(code)}
    response = page.render(request, context_overrides=context, template="questions/lookup.html")
    if code and question is None:
        response.status_code = 404
    return _private(response)
