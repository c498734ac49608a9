"""A hit answers a conditional request as the fresh render would (304 when the ETag or date still match), in
both fronts: they share store.response_parts."""

import pytest
from django.utils.http import http_date

from pagecache.store import response_parts

MODIFIED = 1_796_000_000


def entry(**headers):
    return {"status": 200, "headers": list(headers.items()), "body": b"BEGIN:VCALENDAR", "gzip": b"gz"}


@pytest.mark.parametrize(
    ("stored", "if_none_match", "if_modified_since", "status"),
    [
        ({"ETag": '"abc"'}, '"abc"', None, 304),
        ({"ETag": '"abc"'}, 'W/"abc", "x"', None, 304),
        ({"ETag": '"abc"'}, "*", None, 304),
        ({"ETag": '"abc"'}, '"other"', None, 200),
        ({"ETag": '"abc"', "Last-Modified": http_date(MODIFIED)}, '"other"', http_date(MODIFIED), 200),
        ({"Last-Modified": http_date(MODIFIED)}, None, http_date(MODIFIED), 304),
        ({"Last-Modified": http_date(MODIFIED)}, None, http_date(MODIFIED - 1), 200),
        ({"Last-Modified": http_date(MODIFIED)}, None, "not a date", 200),
        ({}, '"abc"', http_date(MODIFIED), 200),
    ],
)
def test_conditional_hits(stored, if_none_match, if_modified_since, status):
    found, headers, body = response_parts(entry(**stored), "gzip", False, if_none_match, if_modified_since)
    assert found == status
    assert (body == b"") == (status == 304)
    assert ("X-Page-Cache", "HIT") in headers
