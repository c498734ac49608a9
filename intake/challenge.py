"""The proof-of-work challenge (ALTCHA, through its maintained Python library `altcha`, v1 protocol: find the
number whose SHA-256 with the salt gives the challenge). Issued and checked here, solved in the visitor's own
browser by intake/static/intake/pow.js: no outside service, no cookie. A solution is accepted once; the spent
challenge is remembered (UsedChallenge) until it expires, after which the challenge itself is refused."""

import base64
import binascii
import datetime
import json
import random

from altcha import create_challenge_v1, extract_params_v1, verify_solution_v1
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from intake.models import UsedChallenge

# Refusals (intake.guard turns them into messages)
MISSING = "pow_missing"
INVALID = "pow_invalid"
EXPIRED = "pow_expired"
REPLAYED = "pow_replayed"
# A payload is a few hundred bytes of base64; anything much longer is not one.
MAX_PAYLOAD = 4096


def max_number():
    """The search space; a browser tries half of it on average (about a second at the default)."""
    return int(getattr(settings, "PORTAL_INTAKE_POW_MAX_NUMBER", 100_000))


def lifetime():
    """How long a challenge may be answered: long enough to write a question."""
    return int(getattr(settings, "PORTAL_INTAKE_POW_SECONDS", 2 * 3600))


def _key():
    return salted_hmac("intake.challenge", "altcha", algorithm="sha256").hexdigest()


def issue(purpose):
    """A new challenge for a form (`purpose` names it, so one form's solution cannot be spent on another),
    as the dict the browser solves."""
    expires = timezone.now() + datetime.timedelta(seconds=lifetime())
    challenge = create_challenge_v1(
        hmac_key=_key(),
        max_number=max_number(),
        expires=expires,
        params={"form": purpose},
    )
    return challenge.to_dict()


def _decode(payload):
    """The payload's fields when it has the shape of one, else None."""
    if not payload or len(payload) > MAX_PAYLOAD:
        return None
    try:
        data = json.loads(base64.b64decode(payload, validate=True).decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    kinds = {"algorithm": str, "challenge": str, "salt": str, "signature": str, "number": int}
    if any(not isinstance(data.get(name), kind) or isinstance(data.get(name), bool) for name, kind in kinds.items()):
        return None
    return {name: data[name] for name in kinds}


def spend(payload, purpose):
    """None when `payload` solves a challenge issued for `purpose` that was never spent (it is spent now);
    else the reason it is refused."""
    if not payload:
        return MISSING
    data = _decode(payload)
    if data is None:
        return INVALID
    params = extract_params_v1(data)
    if params.get("form") != [purpose] or len(params.get("expires", [])) != 1:
        return INVALID
    ok, error = verify_solution_v1(data, _key(), check_expires=True)
    if not ok:
        return EXPIRED if error and "expired" in error.lower() else INVALID
    expires_at = datetime.datetime.fromtimestamp(int(params["expires"][0]), tz=datetime.UTC)
    try:
        with transaction.atomic():
            UsedChallenge.objects.create(signature=data["signature"], expires_at=expires_at)
    except IntegrityError:
        return REPLAYED
    if random.random() < 0.02:  # now and then, forget what can no longer be replayed
        UsedChallenge.objects.filter(expires_at__lt=timezone.now()).delete()
    return None
