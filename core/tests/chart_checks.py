"""Checks shared by the tests of the apps that draw charts (stats, widgets)."""


def _is_round(step):
    while step % 10 == 0:
        step //= 10
    return step in (1, 2, 5)


def labels_as_numbers(labels):
    """Axis labels as written by vn_number ("12.500") back to integers; a decimal comma fails int()."""
    return [int(label.replace(".", "")) for label in labels]


def assert_round_axis(ticks, low, high, most=5):
    """Two to `most` distinct integers, a 1-2-5 × 10ⁿ step apart, from at or below `low` to at or above `high`."""
    assert 2 <= len(ticks) <= most, ticks
    assert all(isinstance(tick, int) for tick in ticks), ticks
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and _is_round(steps.pop()), ticks
    assert ticks[0] <= low and ticks[-1] >= high, (ticks, low, high)


def y_axis_labels(svg):
    """The y axis labels of a chart drawn by core.charts, as integers, bottom to top."""
    import re

    grid = re.search(r'<g class="chart-grid">(.*?)</g>', str(svg)).group(1)
    return labels_as_numbers(re.findall(r"<text [^>]*>([^<]+)</text>", grid))
