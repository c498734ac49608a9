"""Old URLs as keys: the same old page however its address was written.

Liferay adds portlet parameters (p_p_id, p_p_lifecycle, …) and session ids to every link, trackers add utm_*;
none of them names a different page, so they are dropped, the rest of the query is sorted, the host lowered and
a trailing slash ignored. Both the importer and the redirect middleware key on `url_key`, so they agree.
"""

import hashlib
import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

NOISE_PARAMETERS = re.compile(
    r"^(p_p_[a-z_]+|_?\d*_?(?:com_liferay\w*|101_INSTANCE\w*)?_?(?:redirect|cur|delta|keywords|advancedSearch"
    r"|andOperator|resetCur)|utm_\w+|fbclid|gclid|zarsrc|jsessionid|phpsessid|__viewstate\w*|__eventvalidation"
    r"|__eventtarget|__eventargument|ref|share)$",
    re.I,
)
_SESSION_IN_PATH = re.compile(r";jsessionid=[^/?#]*", re.I)
MAX_KEY_SOURCE = 2000


def host_of(url):
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def normalise_path(path, query):
    """ "/path?sorted=query" without noise parameters, a trailing slash or a session id in the path."""
    path = _SESSION_IN_PATH.sub("", unquote(path or "/"))
    if not path.startswith("/"):
        path = "/" + path
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    kept = sorted(
        (name, value)
        for name, value in parse_qsl(query or "", keep_blank_values=True)
        if not NOISE_PARAMETERS.match(name)
    )
    return path + ("?" + urlencode(kept) if kept else "")


def split_url(url):
    """(host, normalised path and query) of an absolute URL; ("", "") when it cannot be read."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "", ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "", ""
    return parts.hostname.lower().rstrip("."), normalise_path(parts.path, parts.query)


def url_key(path_and_query):
    """The fixed-size key stored and looked up for a normalised path: paths may be longer than an index allows."""
    return hashlib.sha256(path_and_query[:MAX_KEY_SOURCE].encode("utf-8", "surrogatepass")).hexdigest()[:40]
