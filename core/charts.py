"""The one SVG chart builder (the statistics dashboard, the exchange-rate page): drawn on the server, no script,
nothing from elsewhere.

An image to assistive technology (role="img", named by its <title> and described by its <desc>); a page that
shows one puts the figures beside it too (a table), since a picture of numbers cannot be read out. The y axis
is labelled with round integers (core.ticks); lines are told apart by dashes as well as colour.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

from core.templatetags.vn import vn_number
from core.ticks import integer_ticks


@dataclass(frozen=True)
class Frame:
    """The drawing's size and the margins around the plotting area (left for the y labels, bottom for x's)."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int


class Plot:
    """Values from `low` to `high` (widened to round ticks) up the plotting area; x as a fraction across it."""

    def __init__(self, frame, low, high):
        self.frame = frame
        self.ticks = integer_ticks(low, high)
        self.low, self.high = self.ticks[0], self.ticks[-1]
        self.plot_w = frame.width - frame.left - frame.right
        self.plot_h = frame.height - frame.top - frame.bottom

    # Strings, so no localisation ever turns 12.5 into "12,5" inside the SVG.
    def x(self, fraction):
        return f"{self.frame.left + max(0.0, fraction) * self.plot_w:.1f}"

    def y(self, value):
        return f"{self.frame.top + (self.high - value) / (self.high - self.low) * self.plot_h:.1f}"

    def svg(self, *, css_class, name, title, desc="", lines=(), dots=(), x_labels=(), style=""):
        """The chart's markup (safe).

        name: unique on the page, prefixes the ids of the title and description.
        lines: [(css class, path data)]; dots: [(x, y)]; x_labels: [(x, text, text-anchor)].
        """
        frame = self.frame
        labelled_by = f"{name}-title {name}-desc" if desc else f"{name}-title"
        grid = format_html_join(
            "",
            '<line x1="{}" y1="{}" x2="{}" y2="{}"/><text x="{}" y="{}" text-anchor="end" '
            'dominant-baseline="middle">{}</text>',
            (
                (frame.left, y, frame.width - frame.right, y, frame.left - 6, y, vn_number(tick))
                for tick in self.ticks
                for y in [self.y(tick)]
            ),
        )
        bottom = frame.height - frame.bottom
        axis = format_html_join(
            "", '<text x="{}" y="{}" text-anchor="{}">{}</text>', ((x, bottom + 20, a, t) for x, t, a in x_labels)
        )
        return format_html(
            '<svg class="{css_class}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{labelled_by}" '
            'xmlns="http://www.w3.org/2000/svg"><title id="{name}-title">{title}</title>{desc}{style}'
            '<g class="chart-grid">{grid}</g><g class="chart-axis">{axis}'
            '<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/></g>{lines}{dots}</svg>',
            css_class=css_class,
            w=frame.width,
            h=frame.height,
            labelled_by=labelled_by,
            name=name,
            title=title,
            desc=format_html('<desc id="{}-desc">{}</desc>', name, desc) if desc else "",
            style=format_html("<style>{}</style>", style) if style else "",
            grid=grid,
            axis=axis,
            left=frame.left,
            right=frame.width - frame.right,
            bottom=bottom,
            lines=format_html_join("", '<path class="{}" d="{}"/>', lines),
            dots=format_html_join("", '<circle class="chart-dot" cx="{}" cy="{}" r="2.5"/>', dots),
        )


def line_path(points):
    """Path data through [(x, y)] in order."""
    return " ".join(f"{'M' if i == 0 else 'L'}{x} {y}" for i, (x, y) in enumerate(points))
