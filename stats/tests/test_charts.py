"""The visitors chart's axis: labels are distinct, evenly spaced round integers, whatever the counts."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from core.tests.chart_checks import assert_round_axis, y_axis_labels
from stats.charts import line_chart


def axis_labels(series):
    return y_axis_labels(line_chart(series))


@settings(max_examples=200, deadline=None)
@given(top=st.integers(0, 10**7), length=st.integers(1, 40))
def test_axis_labels_for_any_counts(top, length):
    day = datetime.date(2026, 11, 1)
    series = [(day + datetime.timedelta(days=i), top // 2, top if i == length // 2 else 0) for i in range(length)]
    labels = axis_labels(series)
    assert_round_axis(labels, 0, top)
    assert labels[0] == 0


def test_the_reported_case_five_at_the_top():
    # top*k/4 rounded gave 0, 1, 2, 4, 5.
    assert_round_axis(axis_labels([(datetime.date(2026, 12, 6), 5, 5)]), 0, 5)
