"""Our own weather icons, drawn as small inline SVG (no image requests, scale with the text)."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

_SUN = (
    '<circle cx="12" cy="12" r="4.5" fill="#f2b01e"/><g stroke="#f2b01e" stroke-width="1.8" stroke-linecap="round">'
    + "".join(
        f'<line x1="12" y1="2.5" x2="12" y2="5" transform="rotate({angle} 12 12)"/>' for angle in range(0, 360, 45)
    )
    + "</g>"
)
_SMALL_SUN = (
    '<circle cx="8" cy="8" r="3.6" fill="#f2b01e"/><g stroke="#f2b01e" stroke-width="1.5" stroke-linecap="round">'
    + "".join(f'<line x1="8" y1="1.3" x2="8" y2="2.8" transform="rotate({angle} 8 8)"/>' for angle in range(0, 360, 60))
    + "</g>"
)


def _cloud(bottom, fill, stroke):
    top = bottom - 9
    return (
        f'<path d="M7 {bottom}h10.5a4 4 0 0 0 .4-8A5.5 5.5 0 0 0 7.3 {top} 4.5 4.5 0 0 0 7 {bottom}z" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>'
    )


_CLOUD = _cloud(19, "#cfd8e3", "#7b8a9c")
_DARK_CLOUD = _cloud(15, "#aab6c4", "#5f6f82")


def _drops(count, length):
    xs = [8, 12, 16][:count] if count <= 3 else [7, 10, 13, 16]
    return (
        '<g stroke="#2f74c0" stroke-width="1.6" stroke-linecap="round">'
        + "".join(f'<line x1="{x}" y1="17.5" x2="{x - 1}" y2="{17.5 + length}"/>' for x in xs)
        + "</g>"
    )


ICONS = {
    "sun": _SUN,
    "sun-cloud": _SMALL_SUN + _CLOUD,
    "cloud": _CLOUD,
    "fog": _cloud(15, "#cfd8e3", "#7b8a9c")
    + '<g stroke="#7b8a9c" stroke-width="1.6" stroke-linecap="round"><line x1="4" y1="18" x2="20" y2="18"/>'
    '<line x1="6" y1="21" x2="18" y2="21"/></g>',
    "drizzle": _DARK_CLOUD + _drops(3, 2),
    "rain": _DARK_CLOUD + _drops(4, 4),
    "shower": _SMALL_SUN + _DARK_CLOUD + _drops(3, 4),
    "snow": _DARK_CLOUD + '<g fill="#7fb2e5"><circle cx="8" cy="19" r="1.3"/><circle cx="12" cy="21" r="1.3"/>'
    '<circle cx="16" cy="19" r="1.3"/></g>',
    "storm": _DARK_CLOUD + '<path d="M12.5 15l-3 4.5h2.6l-1.6 4 4.5-5.6h-2.7l1.7-2.9z" fill="#f2b01e"/>',
}


def weather_svg(name, size=48, css_class="weather-icon"):
    """An <svg> for `name`, hidden from screen readers (the description is next to it in text)."""
    return format_html(
        '<svg class="{}" width="{}" height="{}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">{}</svg>',
        css_class,
        size,
        size,
        mark_safe(ICONS.get(name, _CLOUD)),  # noqa: S308 - our own constant markup
    )
