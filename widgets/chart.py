"""A server-drawn SVG step chart of the USD selling rate: no JavaScript, nothing from elsewhere."""

import datetime

from django.utils import timezone

from core.charts import Frame, Plot
from core.templatetags.vn import vn_date, vn_number
from widgets.models import FxSnapshot

FRAME = Frame(width=640, height=260, left=64, right=12, top=12, bottom=34)


def usd_sell_history(now, days=30):
    """[(time, rate)] over the window, starting with the rate in force when the window opens."""
    start = now - datetime.timedelta(days=days)
    rows = list(
        FxSnapshot.objects.filter(fetched_at__gte=start, fetched_at__lte=now, usd_sell__isnull=False)
        .order_by("fetched_at", "pk")
        .values_list("fetched_at", "usd_sell")
    )
    before = (
        FxSnapshot.objects.filter(fetched_at__lt=start, usd_sell__isnull=False)
        .order_by("-fetched_at", "-pk")
        .values_list("usd_sell", flat=True)
        .first()
    )
    if before is not None:
        rows.insert(0, (start, before))
    return start, rows


def build_chart(rows, start, end, opening=False):
    """The chart's SVG (core.charts); None without data. A rate holds until the next change, hence steps.

    `opening`: the first row is the rate carried in from before the window, not a fetch of its own.
    """
    if not rows:
        return None
    values = [float(value) for _, value in rows]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or max(low * 0.002, 1.0)
    plot = Plot(FRAME, low - pad, high + pad)
    span = (end - start).total_seconds() or 1.0

    def x(moment):
        return plot.x((moment - start).total_seconds() / span)

    path = [f"M{x(rows[0][0])} {plot.y(values[0])}"]
    for (moment, _), value in zip(rows[1:], values[1:], strict=True):
        path.append(f"H{x(moment)} V{plot.y(value)}")
    path.append(f"H{x(end)}")
    x_labels = []
    for step, anchor in enumerate(("start", "middle", "middle", "end")):
        moment = start + (end - start) * step / 3
        x_labels.append((x(moment), f"{timezone.localtime(moment):%d/%m}", anchor))
    dots = [(x(moment), plot.y(value)) for (moment, _), value in zip(rows, values, strict=True)]
    return plot.svg(
        css_class="chart",
        name="chart-svg",
        title=f"Giá bán USD từ {vn_date(start)} đến {vn_date(end)}",
        desc=f"Thấp nhất {vn_number(low)} đồng, cao nhất {vn_number(high)} đồng, "
        f"hiện tại {vn_number(values[-1])} đồng.",
        lines=[("chart-line", " ".join(path))],
        dots=dots[1 if opening else 0 :],
        x_labels=x_labels,
    )
