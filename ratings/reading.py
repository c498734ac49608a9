"""The results: per page and for the whole site over a period, as the statistics dashboard and the CSV show
them."""

import dataclasses

from django.db.models import Sum
from wagtail.models import Page

from ratings.models import SCORES, Comment, PageRatingDay


@dataclasses.dataclass
class Result:
    """The ratings of one page (or of the whole site) in a period."""

    path: str = ""
    page_id: int | None = None
    title: str = ""
    counts: dict = dataclasses.field(default_factory=lambda: dict.fromkeys(SCORES, 0))

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def average(self):
        """The mean score, rounded to two decimals; None without ratings."""
        if not self.total:
            return None
        return round(sum(score * n for score, n in self.counts.items()) / self.total, 2)

    @property
    def distribution(self):
        return [(score, self.counts[score]) for score in SCORES]


def results(site_id, start, end):
    """(the whole site's Result, [each rated page's Result, most ratings first]) between two days, inclusive."""
    rows = (
        PageRatingDay.objects.filter(site_id=site_id, day__gte=start, day__lte=end)
        .values("path", "score")
        .annotate(n=Sum("count"))
    )
    site, by_path = Result(), {}
    for row in rows:
        by_path.setdefault(row["path"], Result(path=row["path"])).counts[row["score"]] += row["n"]
        site.counts[row["score"]] += row["n"]
    # The page each path was last rated as (a page moved later keeps its old path's results under that path).
    latest = PageRatingDay.objects.filter(site_id=site_id, day__gte=start, day__lte=end, page_id__isnull=False)
    page_ids = dict(latest.order_by("day").values_list("path", "page_id"))
    titles = dict(Page.objects.filter(pk__in=set(page_ids.values())).values_list("pk", "title"))
    for path, result in by_path.items():
        result.page_id = page_ids.get(path)
        result.title = titles.get(result.page_id, "")
    pages = sorted(by_path.values(), key=lambda r: (-r.total, -(r.average or 0), r.path))
    return site, pages


def comments_in(site_id, start_at, end_at):
    """How many comments came with ratings between two moments (their text is in the moderators' queue)."""
    return Comment.objects.filter(site_id=site_id, created_at__gte=start_at, created_at__lt=end_at).count()
