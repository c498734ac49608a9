"""The resources of the platform's own data: visitor figures per day (stats)."""

import datetime

from ninja import Schema

from api.registry import Resource
from stats.models import SiteDay


class VisitDay(Schema):
    day: datetime.date
    visitors: int
    pageviews: int


RESOURCES = [
    Resource(
        name="visits",
        description="Visitors and pageviews of the site per day (Vietnam time), newest first; days without "
        "visits are left out.",
        schema=VisitDay,
        queryset=lambda site: SiteDay.objects.filter(site=site).order_by("-day"),
        item=lambda row, request: {"day": row.day, "visitors": row.visitors, "pageviews": row.pageviews},
        date_field="day",
        modified_field=None,
        detail=False,
        open_data=True,
        tags=("figures",),
    ),
]
