"""The /thong-bao/ listing: every announcement of the section, newest first, 20 a page."""

from django.core.paginator import Paginator

from announcements.models import AnnouncementPage, end_of_day, local_today
from core import freshness

PER_PAGE = 20
MAX_PAGE = 10_000


def page_number(raw):
    """The page asked for; anything unusable (text, NUL, a number past any listing) is the first page."""
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


def listing_context(section, request):
    page_obj = Paginator(AnnouncementPage.objects.in_section(section), PER_PAGE).get_page(
        page_number(request.GET.get("page"))
    )
    today = local_today()
    rows = [(item, item.is_current(today)) for item in page_obj.object_list]
    current = [item.shown_until for item, is_current in rows if is_current]
    if current:  # a row's "shown until …" turns into "no longer on the home page" at that midnight
        freshness.limit(request, end_of_day(min(current)))
    return {"page_obj": page_obj, "rows": rows}
