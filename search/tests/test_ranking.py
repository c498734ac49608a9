"""The ranking of rows meeting the conditions (search.query._rank) against its definition as a sort key."""

import heapq

from hypothesis import given
from hypothesis import strategies as st

from search.query import _rank


def by_key(met, wanted):
    accent, adjacent = met.get("accent", set()), met.get("adjacent", set())
    title, lead = met["title"], met["lead"]

    def key(row):
        return (
            row in accent or row in title or row in lead if "accent" in met else False,
            row in adjacent,
            2 if row in title else 1 if row in lead else 0,
            row,
        )

    return heapq.nlargest(wanted, accent | adjacent | title | lead, key=key)


rows = st.sets(st.integers(0, 80), max_size=40)


@given(rows, rows, rows, rows, st.booleans(), st.booleans(), st.integers(0, 30))
def test_rank_orders_as_the_key_defines(accent, adjacent, title, lead, has_accent, has_adjacent, wanted):
    met = {"title": title, "lead": lead}
    if has_accent:
        met["accent"] = accent
    if has_adjacent:
        met["adjacent"] = adjacent
    assert _rank(met, wanted) == by_key(met, wanted)
