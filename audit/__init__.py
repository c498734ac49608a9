"""The hash-chained audit log (docs/audit.md). Other apps call `audit.record(...)`."""


def record(action, **kwargs):
    """Append an entry to the audit log; see `audit.chain.record`."""
    from audit.chain import record as append

    return append(action, **kwargs)
