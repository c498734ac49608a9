"""Chart axes: labels are distinct, evenly spaced round integers covering the data, whatever the data."""

import datetime
import re
from decimal import Decimal

from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from core.ticks import integer_ticks
from stats.charts import LEFT, line_chart
from widgets.chart import build_chart


def is_nice(step):
    while step % 10 == 0:
        step //= 10
    return step in (1, 2, 5)


def check_axis(ticks, low, high, most=5):
    assert 2 <= len(ticks) <= most
    assert all(isinstance(tick, int) for tick in ticks)
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and is_nice(steps.pop())
    assert ticks[0] <= low and ticks[-1] >= high


def visitor_chart_labels(series):
    svg = str(line_chart(series))
    return labels_as_numbers(
        re.findall(rf'<text x="{LEFT - 6}" y="[^"]+" class="axis" text-anchor="end">([^<]+)<', svg)
    )


def labels_as_numbers(labels):
    # vn_number writes 12.500 for twelve thousand five hundred; a label with a decimal comma would fail int().
    return [int(label.replace(".", "")) for label in labels]


@settings(max_examples=300, deadline=None)
@given(low=st.integers(-(10**9), 10**9), span=st.integers(0, 10**9))
def test_ticks_cover_any_range_evenly(low, span):
    check_axis(integer_ticks(low, low + span), low, low + span)


@settings(max_examples=200, deadline=None)
@given(top=st.integers(0, 10**7), length=st.integers(1, 40))
def test_visitor_chart_labels(top, length):
    day = datetime.date(2026, 11, 1)
    series = [(day + datetime.timedelta(days=i), top // 2, top if i == length // 2 else 0) for i in range(length)]
    labels = visitor_chart_labels(series)
    check_axis(labels, 0, top)
    assert labels[0] == 0


@settings(max_examples=200, deadline=None)
@given(
    rates=st.lists(st.decimals(min_value=Decimal("1"), max_value=Decimal("99999"), places=2), min_size=1, max_size=8)
)
def test_exchange_rate_chart_labels(rates):
    end = datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.UTC)
    start = end - datetime.timedelta(days=30)
    rows = [(start + datetime.timedelta(days=3 * i), rate) for i, rate in enumerate(rates)]
    chart = build_chart(rows, start, end)
    labels = labels_as_numbers([tick["label"] for tick in chart["y_ticks"]])
    check_axis(labels, float(min(rates)), float(max(rates)))
    assert len({tick["y"] for tick in chart["y_ticks"]}) == len(labels)


def test_the_reported_case_five_at_the_top():
    # top*k/4 rounded gave 0, 1, 2, 4, 5.
    check_axis(visitor_chart_labels([(timezone.localdate(), 5, 5)]), 0, 5)
