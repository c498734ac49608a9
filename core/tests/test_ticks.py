"""Axis ticks: distinct, evenly spaced round integers covering any range."""

from hypothesis import given, settings
from hypothesis import strategies as st

from core.tests.chart_checks import assert_round_axis
from core.ticks import integer_ticks


@settings(max_examples=300, deadline=None)
@given(low=st.integers(-(10**9), 10**9), span=st.integers(0, 10**9))
def test_ticks_cover_any_range_evenly(low, span):
    assert_round_axis(integer_ticks(low, low + span), low, low + span)


@settings(max_examples=100, deadline=None)
@given(low=st.floats(-1e6, 1e6), span=st.floats(0, 1e6))
def test_fractional_bounds_are_covered_too(low, span):
    assert_round_axis(integer_ticks(low, low + span), low, low + span)


def test_the_smallest_round_step_that_fits_is_taken():
    # A top of 5 with five labels at most: 0, 2, 4, 6 (a step of 1 needs six labels).
    assert integer_ticks(0, 5) == [0, 2, 4, 6]
    assert integer_ticks(0, 4) == [0, 1, 2, 3, 4]
