"""A moderator's decisions on a comment: publish the edited version on the draft's page, reject it, and, some days
after either, delete the sender's contact details. Each decision is logged (intake.moderation.log), and the
draft's cached pages are dropped, so a published comment shows (and a withdrawn one goes) at once."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from consultations.models import Comment
from intake import moderation
from pagecache.signals import invalidate_page


def contact_days():
    return int(getattr(settings, "PORTAL_CONSULTATION_CONTACT_DAYS", 90))


def _decide(comment, user, status, action, note):
    was_public = Comment.objects.filter(pk=comment.pk, status=Comment.Status.PUBLISHED).exists()
    comment.status = status
    comment.decided_at = timezone.now()
    comment.save()
    moderation.log(user, comment.site_id, comment, action, note)
    if was_public or status == Comment.Status.PUBLISHED:
        invalidate_page(comment.consultation)


@transaction.atomic
def publish(comment, user):
    _decide(comment, user, Comment.Status.PUBLISHED, "published", comment.public_name)


@transaction.atomic
def reject(comment, user):
    _decide(comment, user, Comment.Status.REJECTED, "rejected", comment.reject_reason)


def save_draft(comment, user):
    comment.save()
    moderation.log(user, comment.site_id, comment, "edited")


def purge_contacts(days=None, now=None):
    """Delete the contact details of comments decided more than `days` ago; returns how many. The name a
    moderator chose to publish (public_name) stays with the published comment."""
    days = contact_days() if days is None else days
    return moderation.purge_contacts(Comment.objects.all(), ("full_name", "email", "phone"), days, now)
