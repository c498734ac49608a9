"""The dashboard's chart of visitors and pageviews per day (core.charts draws it)."""

from django.utils.translation import gettext as _

from core.charts import Frame, Plot, line_path

FRAME = Frame(width=760, height=260, left=56, right=12, top=16, bottom=36)
# The admin has none of the site's chart styles; readable without colour: pageviews solid, visitors dashed.
STYLE = (
    ".chart-grid line{stroke:#ddd}.chart-axis line{stroke:#999}text{font:12px sans-serif;fill:#444}"
    ".pv{fill:none;stroke:#b3261e;stroke-width:2}.vi{fill:none;stroke:#1f5fa8;stroke-width:2;stroke-dasharray:6 3}"
)


def line_chart(series):
    """`series` is [(day, visitors, pageviews)], oldest first."""
    plot = Plot(FRAME, 0, max((max(v, p) for _, v, p in series), default=0))
    last = max(len(series) - 1, 1)

    def points(column):
        return [(plot.x(i / last), plot.y(row[column])) for i, row in enumerate(series)]

    label_indexes = sorted({0, len(series) // 2, len(series) - 1}) if series else []
    # The first and last dates are anchored inward so neither is cut at the edge.
    anchors = {0: "start", len(series) - 1: "end"}
    title = _("Khách và lượt xem trang mỗi ngày, %(start)s – %(end)s") % {
        "start": series[0][0].strftime("%d/%m/%Y") if series else "",
        "end": series[-1][0].strftime("%d/%m/%Y") if series else "",
    }
    return plot.svg(
        css_class="stats-chart",
        name="stats-chart",
        title=title,
        style=STYLE,
        lines=[("pv", line_path(points(2))), ("vi", line_path(points(1)))],
        x_labels=[
            (plot.x(i / last), series[i][0].strftime("%d/%m/%Y"), anchors.get(i, "middle")) for i in label_indexes
        ],
    )
