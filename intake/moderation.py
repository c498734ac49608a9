"""Who moderates a site's citizen input, telling them about new items, and logging what they do.

Each site has its own moderator group ("<ward> – Kiểm duyệt ý kiến"), granted entry to the admin and nothing
else: its members see and act on their own site's queues only. A ward's Quản trị adds people to it in the
user admin; superusers moderate every site.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

import audit
from audit.chain import Action
from editorial.roles import site_label
from intake.models import ModerationLog, ModeratorGroup
from intake.screen import screen


def group_name(site):
    return f"{site_label(site)} – " + _("Kiểm duyệt ý kiến")


@transaction.atomic
def ensure_moderator_group(site):
    """The site's moderator group, created (or renamed after the ward) as needed; idempotent."""
    link = ModeratorGroup.objects.select_related("group").filter(site=site).first()
    name = group_name(site)
    if link is None:
        group = Group.objects.filter(name=name, moderated_site=None).first() or Group.objects.create(name=name)
        link = ModeratorGroup.objects.create(site=site, group=group)
    elif link.group.name != name and not Group.objects.filter(name=name).exists():
        link.group.name = name
        link.group.save(update_fields=["name"])
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    link.group.permissions.add(access)
    return link.group


def moderated_sites(user):
    """The sites whose citizen input `user` moderates."""
    if not (user.is_authenticated and user.is_active):
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(moderator_group__group__user=user)


def moderates(user, site_id):
    return moderated_sites(user).filter(pk=site_id).exists()


def moderators(site):
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(groups__moderated_site__site=site)).distinct()


def notify(site, subject, body):
    """Email every moderator of `site` who has an address (Django's mail; the console in development)."""
    addresses = sorted({user.email for user in moderators(site) if user.email})
    if not addresses:
        return 0
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", None)
    return send_mail(subject, body, sender, addresses, fail_silently=True)


def receive(item, texts, subject, body):
    """Store a citizen's `item` held for the moderators: flagged by the screen of its `texts`, logged, and
    emailed to the site's moderators (`subject` marked when flagged; `body` names no personal detail)."""
    flags = screen(*texts)
    item.flagged = bool(flags)
    item.flags = "\n".join(str(flag) for flag in flags)
    item.save()
    log(None, item.site_id, item, "submitted", item.flags)
    if flags:
        subject += " – " + _("bị sàng lọc, cần xem kỹ")
    notify(item.site, subject, body)
    return item


def log(user, site_id, item, action, note=""):
    """Record who did `action` to `item` and when (kept after the item's personal data is purged), and append
    it to the tamper-evident audit log; the reason's text stays here, beside the item it concerns."""
    audit.record(
        Action.MODERATION,
        actor=user,
        site=site_id,
        obj=item,
        title=f"{item._meta.label_lower} {item.pk}",
        details={"action": action},
    )
    return ModerationLog.objects.create(
        site_id=site_id,
        user=user if user is not None and user.is_authenticated else None,
        username=user.get_username() if user is not None and user.is_authenticated else "",
        item_type=item._meta.label_lower,
        item_id=item.pk,
        action=action,
        note=note,
    )


def history(item):
    return ModerationLog.objects.filter(item_type=item._meta.label_lower, item_id=item.pk)


def purge_contacts(items, fields, days, now=None):
    """Blank the personal `fields` of the `items` (a queryset of a model with `status`, `decided_at` and
    `contacts_purged_at`) decided — published or rejected — more than `days` ago, each logged; pending items
    keep theirs. Returns how many were purged."""
    now = now or timezone.now()
    due = items.filter(decided_at__lte=now - datetime.timedelta(days=days), contacts_purged_at=None).exclude(
        status="pending"
    )
    count = 0
    for item in due:
        for name in fields:
            setattr(item, name, "")
        item.contacts_purged_at = now
        item.save(update_fields=[*fields, "contacts_purged_at"])
        log(None, item.site_id, item, "contacts_purged", f"{days}")
        count += 1
    return count
