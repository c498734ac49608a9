"""The Redis side: the repeat limit and "Đang online", with a fall-back when Redis is away.

Redis holds nothing that cannot be lost: the counted hits themselves wait in the database (PendingHit), so a
Redis killed without persistence costs at most a repeat counted twice and a few minutes of "Đang online".
Keys (under PORTAL_STATS_REDIS_PREFIX) hold only visitor hashes and times:
  seen:<site>:<hash of visitor|path>   repeat limit, expires after PORTAL_STATS_REPEAT_SECONDS
  online:<site>                        sorted set visitor -> last seen (unix time)
"""

import hashlib
import logging
import time

from django.conf import settings

logger = logging.getLogger(__name__)

_clients = {}
_down_until = {}

# One round trip per hit: 'online' and the repeat check together.
CLAIM_SCRIPT = """
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  return 1
end
return 0
"""


def url():
    return getattr(settings, "PORTAL_STATS_REDIS_URL", "")


def prefix():
    return getattr(settings, "PORTAL_STATS_REDIS_PREFIX", "portal:stats:")


def client():
    """A client when Redis is configured and not known to be down, else None."""
    address = url()
    if not address or _down_until.get(address, 0) > time.monotonic():
        return None
    if address not in _clients:
        import redis

        _clients[address] = redis.Redis.from_url(
            address, socket_timeout=0.5, socket_connect_timeout=0.5, decode_responses=True
        )
    return _clients[address]


def mark_down(exc):
    address = url()
    retry = float(getattr(settings, "PORTAL_STATS_REDIS_RETRY_SECONDS", 5))
    _down_until[address] = time.monotonic() + retry
    logger.warning("Redis cho thống kê truy cập không dùng được (%s); lượt xem được đếm thẳng vào cơ sở dữ liệu", exc)


def redis_errors():
    import redis

    return (redis.RedisError, OSError)


def claim(hit, at):
    """True when the hit is to be counted, False when it repeats a view too soon; None when Redis cannot be used."""
    redis_client = client()
    if redis_client is None:
        return None
    p = prefix()
    seen = hashlib.sha256(f"{hit.visitor}|{hit.path}".encode()).hexdigest()[:32]
    try:
        result = redis_client.eval(
            CLAIM_SCRIPT,
            2,
            f"{p}seen:{hit.site_id}:{seen}",
            f"{p}online:{hit.site_id}",
            int(getattr(settings, "PORTAL_STATS_REPEAT_SECONDS", 30)),
            f"{at.timestamp():.3f}",
            hit.visitor,
        )
    except redis_errors() as exc:
        mark_down(exc)
        return None
    return bool(result)


def online(site_id, since):
    """Visitors seen since `since` (aware datetime), or None when Redis cannot be used."""
    redis_client = client()
    if redis_client is None:
        return None
    key = f"{prefix()}online:{site_id}"
    try:
        pipe = redis_client.pipeline()
        pipe.zremrangebyscore(key, "-inf", f"({since.timestamp():.3f}")
        pipe.zcard(key)
        return int(pipe.execute()[1])
    except redis_errors() as exc:
        mark_down(exc)
        return None
