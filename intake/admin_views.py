"""What the moderators' queues in the admin share (questions, comments on drafts): a moderator sees and acts on
the items of the sites they moderate (intake.moderation.moderated_sites) and nothing else — another site's item
is not found — and the button pressed on an item's form decides what happens to it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect

from intake.moderation import moderated_sites


def moderated_items(request, model):
    """(`model`'s items of the sites the user moderates, those sites); refused to anyone who moderates none."""
    sites = moderated_sites(request.user)
    if not sites.exists():
        raise PermissionDenied
    return model.objects.filter(site__in=sites), sites


def moderated_item(request, model, pk):
    item = moderated_items(request, model)[0].filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def queue_context(request, model, items, sites):
    """The queue filtered by `?trang-thai=` (pending by default: flagged first, then the oldest), 50 a page."""
    statuses = {"": None, **{status.value: status for status in model.Status}}
    status = request.GET.get("trang-thai", model.Status.PENDING)
    if status not in statuses:
        status = model.Status.PENDING
    if status == model.Status.PENDING:
        items = items.in_queue()
    elif status:
        items = items.filter(status=status)
    page = Paginator(items, 50).get_page(request.GET.get("p"))
    return {"page_obj": page, "status": status, "statuses": model.Status.choices, "many_sites": sites.count() > 1}


def decide(request, form, *, publish, reject, save, queue_url, item_url):
    """Carry out the button pressed on a valid moderation form (intake.forms.ModerationForm): `publish`,
    `reject` and `save` each take (item, user) and return the message to show. A redirect, or None when the
    form has to be shown again with its errors."""
    action = request.POST.get("action")
    if action == "publish" and form.check_publishable():
        messages.success(request, publish(form.save(commit=False), request.user))
        return redirect(queue_url)
    if action == "reject" and form.check_rejectable():
        messages.success(request, reject(form.save(commit=False), request.user))
        return redirect(queue_url)
    if action == "save":
        item = form.save(commit=False)
        messages.success(request, save(item, request.user))
        return redirect(item_url, pk=item.pk)
    return None
