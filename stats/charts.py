"""A server-rendered SVG line chart: no script, no outside library, readable without colour."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from core.templatetags.vn import vn_number
from core.ticks import integer_ticks

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 36


def line_chart(series):
    """`series` is [(day, visitors, pageviews)], oldest first."""
    ticks = integer_ticks(0, max((max(v, p) for _, v, p in series), default=0))
    top = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(series) - 1, 1)

    def point(index, value):
        return f"{LEFT + index * step:.1f},{TOP + plot_h - value / top * plot_h:.1f}"

    visitors = " ".join(point(i, v) for i, (_, v, _) in enumerate(series))
    pageviews = " ".join(point(i, p) for i, (_, _, p) in enumerate(series))
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid"/>'
        '<text x="{}" y="{}" class="axis" text-anchor="end">{}</text>',
        (
            (LEFT, WIDTH - RIGHT, y, y, LEFT - 6, y + 4, vn_number(tick))
            for tick in ticks
            for y in [round(TOP + plot_h - tick / top * plot_h, 1)]
        ),
    )
    label_indexes = sorted({0, len(series) // 2, len(series) - 1}) if series else []
    # The first and last dates are anchored inward so neither is cut at the edge.
    anchors = {0: "start", len(series) - 1: "end"}
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" class="axis" text-anchor="{}">{}</text>',
        (
            (round(LEFT + i * step, 1), HEIGHT - 12, anchors.get(i, "middle"), series[i][0].strftime("%d/%m/%Y"))
            for i in label_indexes
        ),
    )
    title = _("Khách và lượt xem trang mỗi ngày, %(start)s – %(end)s") % {
        "start": series[0][0].strftime("%d/%m/%Y") if series else "",
        "end": series[-1][0].strftime("%d/%m/%Y") if series else "",
    }
    return format_html(
        '<svg class="stats-chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="stats-chart-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="stats-chart-title">{title}</title>'
        "<style>.grid{{stroke:#ddd}}.axis{{font:12px sans-serif;fill:#444}}"
        ".pv{{fill:none;stroke:#b3261e;stroke-width:2}}.vi{{fill:none;stroke:#1f5fa8;stroke-width:2;"
        "stroke-dasharray:6 3}}</style>{grid}{labels}"
        '<polyline class="pv" points="{pageviews}"/><polyline class="vi" points="{visitors}"/></svg>',
        w=WIDTH,
        h=HEIGHT,
        title=title,
        grid=grid,
        labels=labels,
        pageviews=pageviews,
        visitors=visitors,
    )
