import pytest


@pytest.fixture(autouse=True)
def _small_challenges(settings):
    # A browser searches 100 000 numbers in about a second; Python is slower, and the tests solve hundreds.
    settings.PORTAL_INTAKE_POW_MAX_NUMBER = 2000


@pytest.fixture
def clock(monkeypatch):
    """intake.guard's wall clock, frozen and movable: how long a form was open."""
    from intake import guard

    now = [guard.time.time()]
    monkeypatch.setattr(guard.time, "time", lambda: now[0])
    return now
