"""Filling in a protected form as a browser would: solving the challenge with the altcha library itself."""

import base64
import json

from altcha import ChallengeV1, solve_challenge_v1


def solve(challenge_json, number=None):
    """The payload pow.js would send for a challenge rendered by intake.guard.protection."""
    data = json.loads(challenge_json) if isinstance(challenge_json, str) else challenge_json
    if number is None:
        fields = ("algorithm", "challenge", "maxNumber", "salt", "signature")
        challenge = ChallengeV1(*(data[name] for name in fields))
        number = solve_challenge_v1(challenge).number
    payload = {key: data[key] for key in ("algorithm", "challenge", "salt", "signature")} | {"number": number}
    return base64.b64encode(json.dumps(payload).encode()).decode()
