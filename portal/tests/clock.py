"""A frozen, movable clock for timezone.now(), the clock every page reads its dates from."""

import datetime

from django.utils import timezone

from core import memory


class Clock:
    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment.astimezone(datetime.UTC)

    def set(self, moment):
        self.moment = moment
        memory.forget_all()  # a worker's half-second memory of the shared cache (core.memory); the clock jumps

    def advance(self, **delta):
        self.set(self.moment + datetime.timedelta(**delta))


def freeze(monkeypatch, moment):
    """timezone.now() answers `moment` (an aware datetime) until the test moves it."""
    frozen = Clock(moment)
    monkeypatch.setattr(timezone, "now", frozen)
    return frozen
