"""The moderators' queue of comments on drafts in the admin (the shared parts: intake.admin_views)."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from consultations.forms import CommentModerationForm
from consultations.models import Comment
from consultations.publishing import publish, reject, save_draft
from intake.admin_views import decide, moderated_item, moderated_items, queue_context
from intake.moderation import history


def queue(request):
    comments, sites = moderated_items(request, Comment)
    context = queue_context(request, Comment, comments.select_related("site", "consultation"), sites)
    return render(request, "consultations/admin/queue.html", context)


def _published(comment, user):
    publish(comment, user)
    return _("Đã đăng góp ý %(code)s.") % {"code": comment.code}


def _rejected(comment, user):
    reject(comment, user)
    return _("Đã xử lý không đăng góp ý %(code)s.") % {"code": comment.code}


def _saved(comment, user):
    save_draft(comment, user)
    return _("Đã lưu góp ý %(code)s.") % {"code": comment.code}


def moderate(request, pk):
    comment = moderated_item(request, Comment, pk)
    # The name to publish starts as the name sent; the moderator shortens it as they see fit.
    initial = {} if comment.public_name else {"public_name": comment.full_name}
    form = CommentModerationForm(request.POST or None, instance=comment, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = decide(
            request,
            form,
            publish=_published,
            reject=_rejected,
            save=_saved,
            queue_url="consultations_queue",
            item_url="consultations_moderate",
        )
        if done is not None:
            return done
    context = {"comment": comment, "form": form, "history": history(comment)}
    return render(request, "consultations/admin/moderate.html", context, status=400 if form.errors else 200)
