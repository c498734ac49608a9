"""A moderator's decisions on a question: publish it as a QuestionPage, reject it, and, some days after either,
delete the asker's contact details. Each decision is logged (intake.moderation.log)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction

from core.text import vn_slugify
from intake import moderation
from questions.models import Question, QuestionIndexPage, QuestionPage


def contact_days():
    return int(getattr(settings, "PORTAL_QUESTION_CONTACT_DAYS", 90))


def _unused_slug(index, base):
    slug, number = base or "cau-hoi", 1
    while QuestionPage.objects.child_of(index).filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def publish(question, user):
    """Publish (or republish, after an edit) the moderator's version of `question` with its answer."""
    index = QuestionIndexPage.objects.child_of(question.site.root_page).first()
    if index is None:
        raise ValueError("no Q&A page on this site")
    now = timezone.now()
    page = question.page.specific if question.page_id else None
    fields = {
        "title": question.public_title,
        "topic": question.topic,
        "question": question.public_question,
        "answer": question.answer,
        "answered_by": question.answered_by,
        "answered_at": (page.answered_at if page else None) or now,
    }
    if page is None:
        page = QuestionPage(slug=_unused_slug(index, vn_slugify(question.public_title, 60)), **fields)
        index.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    # Moderating citizen input is its own right (intake.moderation), not the page tree's: a moderator need not
    # be an editor of the site's pages.
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    question.page = page
    question.status = Question.Status.PUBLISHED
    question.decided_at = question.decided_at or now
    question.save()
    moderation.log(user, question.site_id, question, "published", question.public_title)
    return page


@transaction.atomic
def reject(question, user):
    if question.page_id and question.page.live:
        UnpublishPageAction(question.page, user=user).execute(skip_permission_checks=True)
    question.status = Question.Status.REJECTED
    question.decided_at = timezone.now()
    question.save()
    moderation.log(user, question.site_id, question, "rejected", question.reject_reason)


def save_draft(question, user):
    question.save()
    moderation.log(user, question.site_id, question, "edited")


def purge_contacts(days=None, now=None):
    """Delete the contact details of questions decided more than `days` ago; returns how many."""
    days = contact_days() if days is None else days
    return moderation.purge_contacts(Question.objects.all(), ("full_name", "email", "phone"), days, now)
