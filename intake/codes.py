"""Reference codes a citizen is given for what they sent (to look it up, or to quote it to the ward office)."""

import secrets

# No 0/O or 1/I, so a code can be read out over the phone.
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def reference_code(prefix):
    """`prefix` and ten letters from 32: unguessable, so a code shows nothing of anyone else's item."""
    return f"{prefix}-" + "".join(secrets.choice(LETTERS) for _ in range(10))
