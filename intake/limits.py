"""How much citizen input one visitor, and one site, may send (counted in stats.limits' windows).

Per visitor: every POST to a citizen form counts under the keyed hash of the client's network of the day
(stats.visitors.address_key; never the address), PORTAL_INTAKE_RATE_PER_ADDRESS per
PORTAL_INTAKE_RATE_WINDOW seconds. Per site: only submissions that passed every other check count, so bots
that fail them cannot use up a ward's allowance; PORTAL_INTAKE_RATE_PER_SITE per PORTAL_INTAKE_SITE_WINDOW.
"""

from django.conf import settings

from core.client_address import client_ip
from stats.limits import count_in_window
from stats.visitors import address_key, local_day


def _setting(name, default):
    return int(getattr(settings, name, default))


def visitor_wait(request, site_id, purpose):
    """None when the visitor may send one more, else the seconds to wait."""
    limit = _setting("PORTAL_INTAKE_RATE_PER_ADDRESS", 5)
    if limit <= 0:
        return None
    key = address_key(site_id, client_ip(request), local_day())
    count, wait = count_in_window(f"intake:rate:{purpose}:{key}", _setting("PORTAL_INTAKE_RATE_WINDOW", 600))
    return None if count <= limit else wait


def site_wait(site_id, purpose):
    """None when the site may take one more item into its queue, else the seconds to wait."""
    limit = _setting("PORTAL_INTAKE_RATE_PER_SITE", 100)
    if limit <= 0:
        return None
    count, wait = count_in_window(f"intake:site:{purpose}:{site_id}", _setting("PORTAL_INTAKE_SITE_WINDOW", 3600))
    return None if count <= limit else wait
