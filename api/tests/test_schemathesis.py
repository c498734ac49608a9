"""Every operation of /api/openapi.json, ours and the older /api/search/, /api/stats/ and /api/hit/, called
with inputs schemathesis derives from the description: no server error, and every answer as described
(status, media type, headers, body). Bounded: EXAMPLES per operation, the same inputs on each run."""

import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

EXAMPLES = 8


@pytest.fixture
def api_data(ward_site, make_article, settings):
    settings.PORTAL_API_RATE_LIMIT = 0  # the limit has its own test; here every call must reach the view
    settings.PORTAL_STATS_RATE_LIMIT = 0
    make_article(ward_site, "Phường ra quân làm sạch bãi biển", tags=["môi trường"])
    # As Django's test client does: a request through the WSGI handler must not close the connection that
    # holds the test's transaction (PostgreSQL would lose the data made above).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield ward_site
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_answers_as_described(api_data):
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    paths = {operation.path for operation in operations}
    assert {"/api/articles/", "/api/documents/", "/api/search/", "/api/stats/", "/api/hit/"} <= paths
    called = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            nonlocal called
            # Werkzeug's test client, which schemathesis calls a WSGI app with, does not undo GZip.
            case.headers = {**(case.headers or {}), "Host": "localhost", "Accept-Encoding": "identity"}
            case.call_and_validate()
            called += 1

        check()
    assert called >= len(operations)
    print(f"schemathesis: {len(operations)} operations, {called} calls, 0 failures, {time.monotonic() - started:.1f} s")
