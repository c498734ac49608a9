"""GET with timeouts, a size cap, bounded retries with backoff, and no redirects followed."""

import logging
import time

import httpx
from django.conf import settings

from .base import FetchError

logger = logging.getLogger("widgets")

USER_AGENT = "ward-portal-widgets/1.0"


class _Retryable(Exception):
    def __init__(self, reason, *, answered):
        super().__init__(reason)
        self.answered = answered


def get(url, *, params=None):
    """The body of a 200 answer; FetchError with the reason otherwise.

    Timeouts, connection errors and 5xx are retried with exponential backoff. A 429 is not:
    asking again at once is what the service asked us not to do. Redirects are not followed,
    since a feed moved to another address is a change somebody must look at.
    """
    conf = settings.WIDGETS_HTTP
    attempts = 1 + max(0, int(conf["retries"]))
    last_reason = ""
    answered = False
    for attempt in range(attempts):
        if attempt:
            time.sleep(conf["backoff"] * 2 ** (attempt - 1))
        try:
            return _get_once(url, params, conf)
        except _Retryable as exc:
            last_reason = str(exc)
            answered = answered or exc.answered
            logger.info("widgets: %s (lần thử %d/%d)", last_reason, attempt + 1, attempts)
    raise FetchError(f"{last_reason}, sau {attempts} lần thử", answered=answered)


def _get_once(url, params, conf):
    timeout = httpx.Timeout(conf["read_timeout"], connect=conf["connect_timeout"])
    deadline = time.monotonic() + conf["connect_timeout"] + conf["read_timeout"] * 2
    answered = False  # whether a status line came back: only then did the source see the request
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client,
            client.stream("GET", url, params=params) as response,
        ):
            answered = True
            status = response.status_code
            if response.is_redirect:
                location = response.headers.get("location", "?")
                raise FetchError(f"HTTP {status}: chuyển hướng tới {location!r}, không đi theo")
            if status == 429:
                retry_after = response.headers.get("retry-after", "-")
                raise FetchError(f"HTTP 429: nguồn yêu cầu hỏi thưa hơn (Retry-After: {retry_after})")
            if status >= 500:
                raise _Retryable(f"HTTP {status} từ {url}", answered=True)
            body = bytearray()
            # A slow drip of bytes never trips the read timeout; the deadline bounds the whole answer.
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > conf["max_bytes"]:
                    raise FetchError(f"câu trả lời lớn hơn {conf['max_bytes']} byte")
                if time.monotonic() > deadline:
                    raise _Retryable("câu trả lời đến quá chậm", answered=True)
            if status != 200:
                snippet = bytes(body[:200]).decode("utf-8", "replace")
                raise FetchError(f"HTTP {status}: {snippet}")
            return bytes(body)
    except httpx.TimeoutException as exc:
        raise _Retryable(f"hết thời gian chờ ({type(exc).__name__}) từ {url}", answered=answered) from exc
    except httpx.TransportError as exc:
        reason = f"không kết nối được ({type(exc).__name__}: {exc}) tới {url}"
        raise _Retryable(reason, answered=answered) from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"địa chỉ không hợp lệ {url!r}: {exc}", answered=False) from exc
