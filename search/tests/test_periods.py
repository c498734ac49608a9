"""Windows of publication weeks as a few lexemes (PostgreSQL's reading, search/query_postgres.py)."""

from hypothesis import given
from hypothesis import strategies as st

from search.documents import PERIOD_LEVELS, period_cover, period_lexemes, period_start, rank_key


def weeks(lexeme):
    """The weeks a period lexeme stands for, by its own name ("m4:185" is weeks 2960..2975)."""
    name, number = lexeme.split(":")
    level = int(name[1:] or 0)
    return range(int(number) << level, (int(number) + 1) << level)


@given(st.integers(0, 6000), st.integers(0, 1500))
def test_a_cover_holds_exactly_the_weeks_asked_for(first, length):
    covered = [week for lexeme in period_cover(first, first + length) for week in weeks(lexeme)]
    assert covered == list(range(first, first + length + 1))


@given(st.integers(0, 6000), st.integers(0, 1500))
def test_an_open_top_cover_starts_where_asked_and_leaves_no_gap(first, length):
    covered = [week for lexeme in period_cover(first, first + length, open_top=True) for week in weeks(lexeme)]
    assert covered[0] == first and covered[-1] >= first + length
    assert covered == list(range(first, covered[-1] + 1))


@given(st.integers(0, 6000), st.integers(0, 1500))
def test_a_long_window_is_a_few_lexemes(first, length):
    # At most three blocks of each size on the way up to the largest (and down again when closed at the top),
    # against one lexeme per week.
    assert len(period_cover(first, first + length, open_top=True)) <= 3 * len(PERIOD_LEVELS) + 1 + length // 256
    assert len(period_cover(first, first + length)) <= 6 * len(PERIOD_LEVELS) + 3 + length // 256


def test_an_entry_holds_its_week_and_every_block_of_it():
    import datetime

    published = datetime.datetime(2026, 3, 4, 5, 6, tzinfo=datetime.UTC)
    key = rank_key(published, 1234)
    lexemes = period_lexemes(key)
    assert len(lexemes) == len(PERIOD_LEVELS) + 1
    for lexeme in lexemes:
        week = [w for w in weeks(lexeme) if period_start(w) <= key < period_start(w + 1)]
        assert len(week) == 1, lexeme
