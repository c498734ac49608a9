"""Axis labels for the charts: round numbers a 1, 2 or 5 × 10ⁿ step apart, so no label repeats or is skipped."""

import math


def _nice_steps():
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            yield factor * magnitude
        magnitude *= 10


def integer_ticks(low, high, most=5):
    """Evenly spaced integers from at or below `low` to at or above `high`: between two and `most` of them,
    with the smallest 1-2-5 step that fits (so the axis uses its height)."""
    low, high = math.floor(low), math.ceil(high)
    high = max(high, low + 1)
    for step in _nice_steps():
        start, end = low // step * step, -(-high // step) * step
        if (end - start) // step + 1 <= most:
            return list(range(start, end + 1, step))
    raise AssertionError("unreachable: some step always fits")  # pragma: no cover
