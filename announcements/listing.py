"""The /thong-bao/ listing: every announcement of the section, newest first, 20 a page."""

from django.core.paginator import Paginator

from announcements.models import AnnouncementPage, end_of_day, local_today
from core import freshness
from core.paging import page_number

PER_PAGE = 20


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
