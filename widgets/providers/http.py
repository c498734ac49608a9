"""GET with timeouts, a size cap, bounded retries with backoff, and no redirects followed."""

import logging
import time

import httpx
from django.conf import settings

from .base import FetchError

logger = logging.getLogger("widgets")

USER_AGENT = "ward-portal-widgets/1.0"


class _Retryable(Exception):
    pass


def get(url, *, params=None):
    """The body of a 200 answer; FetchError with the reason otherwise.

    Timeouts, connection errors and 5xx are retried with exponential backoff. A 429 is not:
    asking again at once is what the service asked us not to do. Redirects are not followed,
    since a feed moved to another address is a change somebody must look at.
    """
    conf = settings.WIDGETS_HTTP
    attempts = 1 + max(0, int(conf["retries"]))
    last_reason = ""
    for attempt in range(attempts):
        if attempt:
            time.sleep(conf["backoff"] * 2 ** (attempt - 1))
        try:
            return _get_once(url, params, conf)
        except _Retryable as exc:
            last_reason = str(exc)
            logger.info("widgets: %s (attempt %d of %d)", last_reason, attempt + 1, attempts)
    raise FetchError(f"{last_reason} after {attempts} attempts")


def _get_once(url, params, conf):
    timeout = httpx.Timeout(conf["read_timeout"], connect=conf["connect_timeout"])
    deadline = time.monotonic() + conf["connect_timeout"] + conf["read_timeout"] * 2
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client,
            client.stream("GET", url, params=params) as response,
        ):
            status = response.status_code
            if response.is_redirect:
                raise FetchError(f"HTTP {status} redirect to {response.headers.get('location', '?')!r} not followed")
            if status == 429:
                raise FetchError(f"HTTP 429 rate limited (Retry-After: {response.headers.get('retry-after', '-')})")
            if status >= 500:
                raise _Retryable(f"HTTP {status} from {url}")
            body = bytearray()
            # A slow drip of bytes never trips the read timeout; the deadline bounds the whole answer.
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > conf["max_bytes"]:
                    raise FetchError(f"answer larger than {conf['max_bytes']} bytes")
                if time.monotonic() > deadline:
                    raise _Retryable("answer too slow")
            if status != 200:
                snippet = bytes(body[:200]).decode("utf-8", "replace")
                raise FetchError(f"HTTP {status}: {snippet}")
            return bytes(body)
    except httpx.TimeoutException as exc:
        raise _Retryable(f"timeout ({type(exc).__name__}) from {url}") from exc
    except httpx.TransportError as exc:
        raise _Retryable(f"connection failed ({type(exc).__name__}: {exc}) to {url}") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}") from exc
