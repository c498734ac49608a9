"""Who is visiting, without keeping who they are.

A visitor key is HMAC-SHA256(daily secret, site id | client IP | User-Agent), cut to
128 bits. The secret is made at the first hit of a day (Asia/Ho_Chi_Minh) and deleted
when a later day begins, so keys of different days cannot be linked and, once the
secret is gone, a key cannot be checked against a guessed IP either.
"""

import datetime
import functools
import hashlib
import hmac
import ipaddress
import secrets
import threading
from urllib.parse import urlsplit

import crawleruseragents
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.client_address import client_ip as client_ip  # where stats.views reads it
from stats.models import DailySecret, Source

_secrets = {}
_secrets_lock = threading.Lock()


def local_day(at=None):
    """The calendar day in Vietnam for an aware datetime (default: now)."""
    return timezone.localtime(at or timezone.now(), timezone.get_default_timezone()).date()


def secret_for(day):
    """The key of `day`, made on first use; creating it also retires older days' keys."""
    key = _secrets.get(day)
    if key is not None:
        return key
    with _secrets_lock:
        row = DailySecret.objects.filter(day=day).first()
        if row is None:
            try:
                with transaction.atomic():
                    row = DailySecret.objects.create(day=day, key=secrets.token_hex(32))
            except IntegrityError:
                # Another process made it first; use theirs.
                row = DailySecret.objects.get(day=day)
            retire_before(day)
        _secrets.clear()
        _secrets[day] = row.key
        return row.key


def retire_before(day):
    """Delete what only served days before `day`: their secrets and per-visitor rows."""
    from stats.models import DailyVisitor, RecentView

    DailySecret.objects.filter(day__lt=day).delete()
    # Yesterday's visitor rows stay one more day for hits that arrive around midnight.
    DailyVisitor.objects.filter(day__lt=day - datetime.timedelta(days=1)).delete()
    horizon = timezone.now() - datetime.timedelta(minutes=online_minutes(), seconds=repeat_seconds())
    RecentView.objects.filter(counted_at__lt=horizon).delete()


def forget_cached_secrets():
    _secrets.clear()


def _keyed(day, text):
    message = text.encode("utf-8", "replace")
    return hmac.new(bytes.fromhex(secret_for(day)), message, hashlib.sha256).hexdigest()[:32]


def visitor_key(site_id, ip, user_agent, day):
    return _keyed(day, f"{site_id}|{ip}|{user_agent}")


def network_of(ip):
    """The address as limits see it: an IPv6 address by its /64, which one subscriber gets whole."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def address_key(site_id, ip, day):
    """The client's network under the day's secret, for the limits per address (stats.limits); like a visitor
    key, it cannot be tied to an address once the day's secret is gone."""
    return _keyed(day, f"{site_id}|address|{network_of(ip)}")


def visitors_per_address():
    """New visitors one address may add to a site in a day (0: no cap)."""
    return int(getattr(settings, "PORTAL_STATS_VISITORS_PER_ADDRESS", 50))


def online_minutes():
    return int(getattr(settings, "PORTAL_STATS_ONLINE_MINUTES", 5))


def repeat_seconds():
    return int(getattr(settings, "PORTAL_STATS_REPEAT_SECONDS", 30))


@functools.lru_cache(maxsize=4096)
def is_crawler(user_agent):
    if not user_agent.strip():
        return True
    return crawleruseragents.is_crawler(user_agent)


PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


def is_prefetch(request):
    for header in PREFETCH_HEADERS:
        value = request.META.get(header, "").lower()
        if "prefetch" in value or "prerender" in value or "preview" in value:
            return True
    return False


def is_robot(request):
    return is_prefetch(request) or is_crawler(request.META.get("HTTP_USER_AGENT", "")[:512])


_SOURCE_HOSTS = (
    (Source.ZALO, ("zalo.me", "zaloapp.com", "zalo.vn")),
    (Source.FACEBOOK, ("facebook.com", "fb.com", "fb.me", "messenger.com")),
    (Source.GOOGLE, ("google.com", "google.com.vn", "googleusercontent.com")),
)


def classify_referrer(referrer, own_host):
    """A category for where a view came from; the referring address itself is never stored."""
    if not referrer:
        return Source.DIRECT
    try:
        host = (urlsplit(referrer).hostname or "").lower()
    except ValueError:
        return Source.OTHER
    if not host:
        return Source.OTHER
    if host == own_host.lower():
        return Source.INTERNAL
    for source, domains in _SOURCE_HOSTS:
        if any(host == domain or host.endswith("." + domain) for domain in domains):
            return source
    # Google's country domains: google.de, google.co.jp …
    if host.startswith(("google.", "www.google.")):
        return Source.GOOGLE
    return Source.OTHER
