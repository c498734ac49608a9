"""A server-drawn SVG step chart of the USD selling rate: no JavaScript, nothing from elsewhere."""

import datetime

from django.utils import timezone

from core.templatetags.vn import vn_number
from core.ticks import integer_ticks
from widgets.models import FxSnapshot

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 12, 34


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
    """Coordinates for the template; None without data. A rate holds until the next change, hence steps.

    `opening`: the first row is the rate carried in from before the window, not a fetch of its own.
    """
    if not rows:
        return None
    values = [float(value) for _, value in rows]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or max(low * 0.002, 1.0)
    ticks = integer_ticks(low - pad, high + pad)
    low, high = ticks[0], ticks[-1]
    span = (end - start).total_seconds() or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    # Strings, so the template's number localisation never turns 12.5 into "12,5" inside SVG.
    def x(moment):
        return f"{LEFT + max(0.0, (moment - start).total_seconds()) / span * plot_w:.1f}"

    def y(value):
        return f"{TOP + (high - value) / (high - low) * plot_h:.1f}"

    first_x = x(rows[0][0])
    path = [f"M{first_x} {y(values[0])}"]
    for (moment, _), value in zip(rows[1:], values[1:], strict=True):
        path.append(f"H{x(moment)} V{y(value)}")
    path.append(f"H{x(end)}")

    y_ticks = [{"y": y(value), "label": vn_number(value)} for value in ticks]
    x_ticks = []
    for step, anchor in enumerate(("start", "middle", "middle", "end")):
        moment = start + (end - start) * step / 3
        x_ticks.append({"x": x(moment), "label": f"{timezone.localtime(moment):%d/%m}", "anchor": anchor})
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "path": " ".join(path),
        "dots": [{"x": x(moment), "y": y(value)} for (moment, _), value in zip(rows, values, strict=True)][
            1 if opening else 0 :
        ],
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
        "low": min(values),
        "high": max(values),
        "last": values[-1],
    }
