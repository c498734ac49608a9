"""When a page's content changes by itself, with no publish to invalidate it: an announcement leaving the home
page at midnight, say. A page's code names that moment (`limit`); the cache headers (core.models) and the page
cache (pagecache) then keep no copy past it, however long they would keep one otherwise.

Moments are compared on django.utils.timezone.now(), the clock every page reads its dates from.
"""

import datetime
import math

from django.utils import timezone

_ATTRIBUTE = "portal_fresh_until"


def limit(request, moment):
    """The page rendered for `request` is valid until `moment` (an aware datetime) at the latest."""
    if request is None or moment is None:
        return
    current = getattr(request, _ATTRIBUTE, None)
    if current is None or moment < current:
        setattr(request, _ATTRIBUTE, moment)


def end_of_day(day):
    """The first moment after `day`, Vietnam time (TIME_ZONE): when what is shown "today" changes by itself."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def until_tomorrow(request):
    """The page rendered for `request` shows something of today (a marked day, today's entries): valid until
    midnight, Vietnam time."""
    limit(request, end_of_day(timezone.localdate()))


def fresh_until(request):
    """The earliest moment named for the request, or None."""
    return getattr(request, _ATTRIBUTE, None)


def seconds_left(moment, now=None):
    """Whole seconds from now until `moment` (a datetime or a POSIX timestamp), never below zero."""
    if moment is None:
        return None
    stamp = moment if isinstance(moment, int | float) else moment.timestamp()
    current = (now or timezone.now()).timestamp()
    return max(0, math.floor(stamp - current))


def capped(seconds, moment, now=None):
    """`seconds`, or fewer when `moment` comes sooner."""
    left = seconds_left(moment, now)
    return seconds if left is None else min(seconds, left)
