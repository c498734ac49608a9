"""The client's address as the app should see it: the peer, or what a trusted proxy (nginx) says the client
was. Used by the visitor statistics and by django-axes' login lockout (AXES_CLIENT_IP_CALLABLE)."""

import functools
import ipaddress

from django.conf import settings


@functools.lru_cache(maxsize=64)
def _networks(proxies):
    networks = []
    for item in proxies:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            continue
    return tuple(networks)


def _address(text):
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(address, networks):
    ip = _address(address)
    return ip is not None and any(ip in network for network in networks)


def client_ip(request):
    """REMOTE_ADDR, or the first untrusted hop of X-Forwarded-For when the peer is a listed proxy
    (PORTAL_TRUSTED_PROXIES). A forwarded header from any other peer is ignored: anyone can send one."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(getattr(settings, "PORTAL_TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    # Read from the right: each trusted proxy appended the address it received from.
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            # Not an address (a forged header's garbage): the proxy's own peer is all that is known.
            return hop if _address(hop) is not None else remote
    return hops[0] if hops else remote
