import base64
import json

import pytest

from intake import challenge
from intake.models import UsedChallenge
from intake.tests.helpers import solve

pytestmark = pytest.mark.django_db


def test_a_solved_challenge_is_accepted_once_and_then_refused_as_replayed():
    payload = solve(challenge.issue("question"))
    assert challenge.spend(payload, "question") is None
    assert UsedChallenge.objects.count() == 1
    assert challenge.spend(payload, "question") == challenge.REPLAYED


def test_a_wrong_number_is_refused():
    issued = challenge.issue("question")
    right = json.loads(base64.b64decode(solve(issued)))["number"]
    assert challenge.spend(solve(issued, number=right + 1), "question") == challenge.INVALID
    assert not UsedChallenge.objects.exists()


def test_a_challenge_issued_for_another_form_is_refused():
    assert challenge.spend(solve(challenge.issue("rating")), "question") == challenge.INVALID


def test_a_challenge_signed_with_another_key_is_refused(settings):
    issued = challenge.issue("question")
    settings.SECRET_KEY = "another-key-" + "x" * 50
    assert challenge.spend(solve(issued), "question") == challenge.INVALID


def test_an_expired_challenge_is_refused(settings):
    settings.PORTAL_INTAKE_POW_SECONDS = -10
    assert challenge.spend(solve(challenge.issue("question")), "question") == challenge.EXPIRED


def encoded(**fields):
    return base64.b64encode(json.dumps({"challenge": "a", "salt": "b", "signature": "c"} | fields).encode()).decode()


@pytest.mark.parametrize(
    "payload",
    [
        "not base64!",
        base64.b64encode(b"[1, 2]").decode(),
        base64.b64encode(b"42").decode(),
        base64.b64encode(b'{"algorithm": "SHA-256"}').decode(),
        base64.b64encode(b"\xff\xfe").decode(),
        encoded(algorithm="MD5", number=1),
        encoded(algorithm="SHA-256", number="1"),
        "A" * 5000,
    ],
)
def test_a_malformed_payload_is_refused(payload):
    assert challenge.spend(payload, "question") == challenge.INVALID


def test_no_payload_is_refused_as_missing():
    assert challenge.spend("", "question") == challenge.MISSING
