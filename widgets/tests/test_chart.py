"""The USD chart's axis: labels are distinct, evenly spaced round integers, whatever the rates."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from core.tests.chart_checks import assert_round_axis, y_axis_labels
from widgets.chart import build_chart


@settings(max_examples=200, deadline=None)
@given(
    rates=st.lists(st.decimals(min_value=Decimal("1"), max_value=Decimal("99999"), places=2), min_size=1, max_size=8)
)
def test_axis_labels_for_any_rates(rates):
    end = datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.UTC)
    start = end - datetime.timedelta(days=30)
    rows = [(start + datetime.timedelta(days=3 * i), rate) for i, rate in enumerate(rates)]
    labels = y_axis_labels(build_chart(rows, start, end))
    assert_round_axis(labels, float(min(rates)), float(max(rates)))
