"""Reading and writing cached pages. Used by the WSGI front (hits) and the Django middleware (both)."""

import gzip
import re

from django.utils import timezone
from django.utils.http import parse_etags, parse_http_date_safe

from core import freshness, memory
from core.generations import shared_cache

from .keys import generation_keys

# Every header of the fresh render is kept, so a hit answers with the same security headers, Vary and CSP;
# except those recomputed per answer (length, encoding, Vary's Accept-Encoding) and anything per visitor
# (a response that sets a cookie is never stored).
RECOMPUTED_HEADERS = {"content-length", "content-encoding", "date", "set-cookie", "x-page-cache"}


def current_generations(site_id, group):
    """Read before rendering, so a publish during the render makes the stored copy invalid at once."""
    keys = generation_keys(site_id, group)
    found = shared_cache().get_many(keys)
    return tuple(found.get(key, 0) for key in keys)


_MAX_AGE = re.compile(r"max-age=(\d+)", re.IGNORECASE)


def store(key, site_id, group, generations, status, headers, body, timeout, fresh_until=None):
    """`fresh_until`: the moment the page's content changes by itself (core.freshness), or None."""
    entry = {
        "site": site_id,
        "group": group,
        "generations": generations,
        "fresh_until": fresh_until.timestamp() if fresh_until is not None else None,
        "status": status,
        "headers": [(name, value) for name, value in headers if name.lower() not in RECOMPUTED_HEADERS],
        "body": body,
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
    }
    shared_cache().set(key, entry, timeout=timeout)
    return entry


def lookup(key):
    """The stored entry if it is still valid, else None. Checked against generations this process read at
    most core.memory.seconds() ago; storing (current_generations) always reads them afresh."""
    entry = memory.recall(key)
    if entry is None or is_past(entry):
        # A remembered copy past its moment may have been replaced in the shared cache by a render since.
        entry = shared_cache().get(key)
        if entry is None or is_past(entry):
            return None
        memory.remember(key, entry)
    return entry if recent_generations(entry["site"], entry["group"]) == entry["generations"] else None


def is_past(entry):
    """Whether the moment the stored page's content changes by itself has come (the cache's own expiry runs on
    another clock, and a copy remembered by the process has none)."""
    moment = entry.get("fresh_until")
    return moment is not None and timezone.now().timestamp() >= moment


def _max_age_left(headers, entry):
    """Cache-Control as a render now would give it: max-age no further than the page's change (core.freshness)."""
    moment = entry.get("fresh_until")
    if moment is None:
        return headers
    left = freshness.seconds_left(moment)

    def cap(name, value):
        if name.lower() != "cache-control":
            return value
        return _MAX_AGE.sub(lambda found: f"max-age={min(int(found.group(1)), left)}", value)

    return [(name, cap(name, value)) for name, value in headers]


def recent_generations(site_id, group):
    """current_generations() as this process read them at most core.memory.seconds() ago."""
    return memory.remembered(("generations", site_id, group), lambda: current_generations(site_id, group))


def accepts_gzip(accept_encoding):
    return "gzip" in (accept_encoding or "").lower()


def is_not_modified(entry, if_none_match=None, if_modified_since=None):
    """Whether a conditional request matches the stored page's ETag or Last-Modified (RFC 9110 13.2.2: the
    ETag decides when the request names one), so the hit answers 304 as the fresh render would."""
    stored = {name.lower(): value for name, value in entry["headers"]}
    etag, last_modified = stored.get("etag"), stored.get("last-modified")
    if if_none_match:
        if etag is None:
            return False
        wanted = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
        return "*" in wanted or etag.removeprefix("W/") in wanted
    if if_modified_since and last_modified:
        since, modified = parse_http_date_safe(if_modified_since), parse_http_date_safe(last_modified)
        return since is not None and modified is not None and modified <= since
    return False


def response_parts(entry, accept_encoding, head=False, if_none_match=None, if_modified_since=None, hit=True):
    """Status line, headers and body for a hit (hit=False: for the render just stored, answered alike)."""
    if entry["status"] == 200 and is_not_modified(entry, if_none_match, if_modified_since):
        headers = [
            (name, value) for name, value in _max_age_left(entry["headers"], entry) if name.lower() != "content-type"
        ]
        headers.append(("X-Page-Cache", "HIT"))
        return 304, headers, b""
    zipped = accepts_gzip(accept_encoding)
    body = entry["gzip"] if zipped else entry["body"]
    headers = [(name, value) for name, value in _max_age_left(entry["headers"], entry) if name.lower() != "vary"]
    vary = [value for name, value in entry["headers"] if name.lower() == "vary"]
    if "accept-encoding" not in ",".join(vary).lower():
        vary.append("Accept-Encoding")
    headers.append(("Vary", ", ".join(vary)))
    if zipped:
        headers.append(("Content-Encoding", "gzip"))
    headers.append(("Content-Length", str(len(body))))
    if hit:
        headers.append(("X-Page-Cache", "HIT"))
    return entry["status"], headers, b"" if head else body


def answer_as_stored(response, entry, accept_encoding):
    """Make the render just stored answer as its hits will: compressed once (the stored copy), same headers."""
    _status, headers, body = response_parts(entry, accept_encoding, hit=False)
    response.content = body
    for name, value in headers:
        response[name] = value
