"""Writing a rating: one per visitor, page and day (the statistics' daily keyed hash), counted per page, day
and score; and the optional comment, screened and queued for the site's moderators (intake).

Only counts stay: the DailyRater row that makes the rule exact holds the visitor's and the network's keyed
hashes of the day, never an address or a User-Agent, and goes the day after (as stats' DailyVisitor).
"""

import datetime
import enum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from intake import moderation
from intake.screen import screen
from ratings.models import Comment, DailyRater, PageRatingDay
from stats.recording import with_retries
from stats.visitors import address_key, local_day, visitor_key


class Outcome(enum.Enum):
    COUNTED = "counted"
    ALREADY = "already"  # this visitor rated this page today
    CAPPED = "capped"  # this network gave this page as many ratings today as one network may


def per_address_and_page():
    """Ratings one network may give one page in a day (0: no cap); people behind one carrier address share it."""
    return int(getattr(settings, "PORTAL_RATING_PER_ADDRESS_PAGE", 10))


def record(site_id, path, page_id, ip, user_agent, score, comment="", at=None):
    """Count one rating of `path` (and keep its comment for the moderators); returns (Outcome, Comment or None)."""
    at = at or timezone.now()
    day = local_day(at)
    rater = DailyRater(
        site_id=site_id,
        day=day,
        path=path,
        visitor=visitor_key(site_id, ip, user_agent, day),
        address=address_key(site_id, ip, day),
    )
    outcome, saved = with_retries(lambda: _record(rater, page_id, score, comment, at))
    if saved is not None:
        _tell_moderators(saved)
    return outcome, saved


def _record(rater, page_id, score, comment, at):
    with transaction.atomic():
        # Yesterday's rows stay for ratings sent around midnight; older ones only served days that are over.
        DailyRater.objects.filter(day__lt=rater.day - datetime.timedelta(days=1)).delete()
        cap = per_address_and_page()
        same_network = DailyRater.objects.filter(
            site_id=rater.site_id, day=rater.day, path=rater.path, address=rater.address
        )
        if cap > 0 and same_network.count() >= cap:
            already = same_network.filter(visitor=rater.visitor).exists()
            return (Outcome.ALREADY if already else Outcome.CAPPED), None
        try:
            with transaction.atomic():
                rater.save(force_insert=True)
        except IntegrityError:
            return Outcome.ALREADY, None
        _add(rater, page_id, score)
        saved = _keep_comment(rater, page_id, score, comment, at) if comment else None
        return Outcome.COUNTED, saved


def _add(rater, page_id, score):
    counter = PageRatingDay.objects.filter(site_id=rater.site_id, day=rater.day, path=rater.path, score=score)
    if counter.update(count=F("count") + 1, page_id=page_id):
        return
    try:
        with transaction.atomic():
            PageRatingDay.objects.create(
                site_id=rater.site_id, day=rater.day, path=rater.path, page_id=page_id, score=score, count=1
            )
    except IntegrityError:  # another rating made the row first
        counter.update(count=F("count") + 1, page_id=page_id)


def _keep_comment(rater, page_id, score, text, at):
    flags = screen(text)
    comment = Comment.objects.create(
        site_id=rater.site_id,
        path=rater.path,
        page_id=page_id,
        score=score,
        text=text,
        created_at=at,
        flagged=bool(flags),
        flags="\n".join(str(flag) for flag in flags),
    )
    moderation.log(None, rater.site_id, comment, "submitted", comment.flags)
    return comment


def _tell_moderators(comment):
    site = comment.site
    subject = _("[Đánh giá] Góp ý mới về trang %(path)s") % {"path": comment.path}
    if comment.flagged:
        subject += " – " + _("bị sàng lọc, cần xem kỹ")
    body = _(
        "Cổng thông tin %(site)s vừa nhận một góp ý kèm đánh giá %(score)d/5 cho trang %(path)s.\n"
        "Xem trong trang quản trị, mục Góp ý đánh giá. Góp ý không bao giờ được đăng công khai.\n"
    ) % {"site": site.site_name or site.hostname, "score": comment.score, "path": comment.path}
    moderation.notify(site, subject, body)
