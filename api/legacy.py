"""The OpenAPI description of the three endpoints older than this app, as they answer today: /api/search/
(search.views.search_api), /api/stats/ and /api/hit/ (stats.views). Their views stay where they are (the
search box, the sidebar widget and the beacon depend on them); only their description lives here, and
api/tests/test_schemathesis.py holds it to what they answer."""

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string", "description": "What went wrong, in Vietnamese."}},
}
SEARCH_RESULT = {
    "type": "object",
    "required": ["title", "url", "published", "category", "snippet", "kind"],
    "properties": {
        "title": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "published": {"type": "string", "format": "date-time"},
        "category": {"type": "string", "description": "Title of the section the item is in."},
        "snippet": {"type": "string", "description": "HTML: the words found are in <mark>."},
        "kind": {"type": "string", "description": "The content type (article, document, announcement, …)."},
        "page": {"type": "integer", "description": "Page of the file where the words are (documents)."},
    },
}
SEARCH = {
    "type": "object",
    "required": ["count", "count_is_capped", "page", "num_pages", "messages", "results"],
    "properties": {
        "count": {"type": "integer", "minimum": 0},
        "count_is_capped": {"type": "boolean", "description": "true: the count stopped at 1,000 (at least)."},
        "page": {"type": "integer", "minimum": 1},
        "num_pages": {"type": "integer", "minimum": 0},
        "messages": {"type": "array", "items": {"type": "string"}, "description": "Filters dropped as unusable."},
        "results": {"type": "array", "items": SEARCH_RESULT},
    },
}
STATS_FIELDS = (
    "online",
    "today",
    "yesterday",
    "this_week",
    "this_month",
    "total",
    "pageviews_today",
    "pageviews_total",
)
STATS = {
    "type": "object",
    "required": list(STATS_FIELDS),
    "properties": {name: {"type": "integer", "minimum": 0} for name in STATS_FIELDS},
}
HIT = {
    "type": "object",
    "required": ["path"],
    "properties": {
        "path": {
            "type": "string",
            "maxLength": 255,
            # As location.pathname gives it: one leading slash, no control characters (else 400).
            "pattern": "^/([^/\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*)?$",
            "description": "location.pathname of the page viewed.",
        },
        "ref": {"type": "string", "description": "document.referrer; only its category is kept."},
    },
}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name, description, schema=None):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


PATHS = {
    "/api/search/": {
        "get": {
            "operationId": "search",
            "summary": "Search the site",
            "description": "Full-text search of the site's articles, documents and other content (docs/search.md). "
            "Unusable filters are dropped and named in `messages`.",
            "tags": ["search"],
            "parameters": [
                _query("q", "The words to find, with or without Vietnamese accents."),
                _query("page", "Page number; anything unusable is the first page."),
                _query("category", "Slug of a section to search in."),
                _query("from", "Only items dated on or after this day (dd/mm/yyyy or yyyy-mm-dd)."),
                _query("to", "Only items dated on or before this day."),
                _query("sort", "`newest` for newest first; relevance otherwise."),
            ],
            "responses": {"200": _json(SEARCH, "One page of results.")},
        }
    },
    "/api/stats/": {
        "get": {
            "operationId": "stats_numbers",
            "summary": "Visitor figures of the sidebar widget",
            "description": "Visitors online, today, yesterday, this week, this month, in all; pageviews today and "
            "in all (docs/statistics.md).",
            "tags": ["figures"],
            "responses": {
                "200": _json(STATS, "The figures."),
                "404": _json(ERROR, "The hostname serves no ward site."),
            },
        }
    },
    "/api/hit/": {
        "post": {
            "operationId": "stats_hit",
            "summary": "Count a pageview (the beacon)",
            "description": "Sent by stats/static/stats/hit.js from every public page; crawlers and prefetches are "
            "not counted, one address may send 120 a minute (docs/statistics.md).",
            "tags": ["figures"],
            "requestBody": {
                "required": True,
                # hit.js sends the same JSON as text/plain (no CORS preflight); both are read alike.
                "content": {"application/json": {"schema": HIT}},
            },
            "responses": {
                "204": {"description": "Counted (or a crawler's, not counted)."},
                "400": _json(ERROR, "Not JSON, no `path`, or a path no browser sends."),
                "404": _json(ERROR, "No such site, or no such page on it."),
                "413": _json(ERROR, "Body over 2 KB."),
                "415": _json(ERROR, "Neither text/plain nor application/json."),
                "429": _json(ERROR, "Too many beacons from this address; see Retry-After."),
                "503": _json(ERROR, "The database cannot count now; see Retry-After."),
            },
        }
    },
}


def describe(schema):
    """Add the three endpoints to an OpenAPI description ninja wrote (paths relative to the server root)."""
    for path, item in PATHS.items():
        schema["paths"][path] = item
    return schema
