"""The page shown when django-axes locks a username from an address after repeated failures."""

from axes.helpers import get_cool_off
from django.shortcuts import render


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    # 429: the login itself is fine, the client must wait; no hint whether the password was close.
    return render(request, "accounts/lockout.html", {"minutes": minutes}, status=429)
