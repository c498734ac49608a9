"""Satisfaction ratings in the public API (api.registry): /api/ratings/, the site's ratings per day.

Only counts leave: no page path below the day (a rarely read page's one rating a day would be a trace of one
reader), no comment (never public)."""

import datetime

from django.db.models import Case, F, IntegerField, Sum, When
from ninja import Schema

from api.registry import Resource
from ratings.models import SCORES, PageRatingDay


class RatingDay(Schema):
    day: datetime.date
    ratings: int
    average: float
    by_score: dict[str, int]


def _days(site):
    per_score = {
        f"score_{score}": Sum(Case(When(score=score, then=F("count")), default=0, output_field=IntegerField()))
        for score in SCORES
    }
    return (
        PageRatingDay.objects.filter(site=site)
        .values("day")
        .annotate(ratings=Sum("count"), points=Sum(F("score") * F("count")), **per_score)
        .filter(ratings__gt=0)
        .order_by("-day")
    )


def _day(row, request):
    return {
        "day": row["day"],
        "ratings": row["ratings"],
        "average": round(row["points"] / row["ratings"], 2),
        "by_score": {str(score): row[f"score_{score}"] for score in SCORES},
    }


RESOURCES = [
    Resource(
        name="ratings",
        description='Answers to "Thông tin này có hữu ích không?" (1-5) across the whole site per day (Vietnam '
        "time), newest first: how many, their mean and how many of each score; days without ratings are left out.",
        schema=RatingDay,
        queryset=_days,
        item=_day,
        date_field="day",
        modified_field=None,
        detail=False,
        open_data=True,
        tags=("figures",),
    ),
]
