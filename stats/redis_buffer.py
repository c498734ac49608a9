"""The Redis side: hot counters and a queue of counted hits, with a fall-back when Redis is away.

Keys (under PORTAL_STATS_REDIS_PREFIX) hold only visitor hashes, paths and counts:
  seen:<site>:<hash of visitor|path>   repeat limit, expires after PORTAL_STATS_REPEAT_SECONDS
  online:<site>                        sorted set visitor -> last seen (unix time)
  queue                                list of counted hits waiting for the fold
  fold:<batch id>                      a queue renamed by a fold that is in progress
"""

import hashlib
import logging
import time

from django.conf import settings

logger = logging.getLogger(__name__)

_clients = {}
_down_until = {}

# One round trip per hit: the repeat check, 'online' and the queue move together.
PUSH_SCRIPT = """
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  redis.call('RPUSH', KEYS[3], ARGV[4])
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
    logger.warning("Redis for statistics unavailable (%s); counting in the database", exc)


def redis_errors():
    import redis

    return (redis.RedisError, OSError)


def push(hit, at):
    """True/False when Redis took the hit (counted / repeated); None when Redis cannot be used."""
    redis_client = client()
    if redis_client is None:
        return None
    p = prefix()
    seen = hashlib.sha256(f"{hit.visitor}|{hit.path}".encode()).hexdigest()[:32]
    try:
        result = redis_client.eval(
            PUSH_SCRIPT,
            3,
            f"{p}seen:{hit.site_id}:{seen}",
            f"{p}online:{hit.site_id}",
            f"{p}queue",
            int(getattr(settings, "PORTAL_STATS_REPEAT_SECONDS", 30)),
            f"{at.timestamp():.3f}",
            hit.visitor,
            hit.dumps(),
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


def pending_batches(redis_client):
    return list(redis_client.scan_iter(match=f"{prefix()}fold:*", count=100))


def take_queue(redis_client, batch):
    """Rename the live queue to a batch key; None when there is nothing to fold."""
    key = f"{prefix()}fold:{batch}"
    import redis

    try:
        redis_client.rename(f"{prefix()}queue", key)
    except redis.ResponseError:
        return None
    return key
