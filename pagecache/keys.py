"""How a cached page is named and how groups of pages are invalidated.

A site's URLs are grouped by their first path segment: a category and all its
articles share one ("chinh-quyen"), the home page has "", feeds "rss". Each group
and each site has a generation number; a stored page remembers the generations
it was rendered under and is valid only while both are unchanged. Publishing an
article bumps its category's group and the groups that list it (home, feeds,
sitemap, search), so other categories' pages stay cached.
"""

import hashlib
from urllib.parse import parse_qsl, urlencode

from core.generations import bump

# Tracking parameters added by share buttons and ad platforms: they do not change the page.
IGNORED_PARAMS = {"fbclid", "gclid", "zarsrc", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"}
MAX_QUERY_LENGTH = 200
# Groups whose pages list articles from every category.
LISTING_GROUPS = ("", "rss", "sitemap.xml", "tim-kiem", "api")


def normalise_query(query_string):
    if not query_string:
        return ""
    pairs = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True) if k not in IGNORED_PARAMS]
    return urlencode(sorted(pairs))


def group_of(path):
    """'/chinh-quyen/bai-viet/' -> 'chinh-quyen'; '/' -> ''."""
    return path.lstrip("/").split("/", 1)[0]


# The WSGI front leaves, in the request's environ, the key it looked up and found no page under, so the
# middleware does not ask the cache again (a client cannot set it: its headers arrive as HTTP_*).
FRONT_MISSED = "pagecache.front_missed"


def entry_key(scheme, host, path, query):
    raw = f"{scheme}|{host.lower()}|{path}|{query}"
    return "pc:e:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def site_generation_key(site_id):
    return f"pc:g:{site_id}"


def group_generation_key(site_id, group):
    return f"pc:g:{site_id}:{group}"


def generation_keys(site_id, group):
    return site_generation_key(site_id), group_generation_key(site_id, group)


def invalidate_groups(site_id, groups):
    bump([group_generation_key(site_id, group) for group in set(groups)])


def invalidate_site(site_id):
    bump([site_generation_key(site_id)])
