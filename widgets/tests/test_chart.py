"""The USD chart's axis: labels are distinct, evenly spaced round integers, whatever the rates."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from core.testing import assert_round_axis, labels_as_numbers
from widgets.chart import build_chart


@settings(max_examples=200, deadline=None)
@given(
    rates=st.lists(st.decimals(min_value=Decimal("1"), max_value=Decimal("99999"), places=2), min_size=1, max_size=8)
)
def test_axis_labels_for_any_rates(rates):
    end = datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.UTC)
    start = end - datetime.timedelta(days=30)
    rows = [(start + datetime.timedelta(days=3 * i), rate) for i, rate in enumerate(rates)]
    chart = build_chart(rows, start, end)
    labels = labels_as_numbers([tick["label"] for tick in chart["y_ticks"]])
    assert_round_axis(labels, float(min(rates)), float(max(rates)))
    assert len({tick["y"] for tick in chart["y_ticks"]}) == len(labels)
