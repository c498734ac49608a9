"""What the app learns through the deploy/ nginx: the same headers on every answer of a page, whichever cache
gave it, and the client's own address for the login lockout (never an address a client made up)."""

import re

import httpx
import pytest
from django.conf import settings

from core.text import vn_slugify
from portal.tests.helpers import article_file, header_set, manage, wait_for

pytestmark = pytest.mark.own_databases

PASSWORD = "Mat-khau-dung-2026!"  # noqa: S105


@pytest.mark.parametrize("accept_encoding", ["identity", "gzip"])
def test_every_answer_of_a_page_through_nginx_has_the_same_headers(stack, tmp_path, accept_encoding):
    base, env, _ = stack
    # A page of its own, so the first answer is a fresh render whichever test ran before.
    title = f"Thông báo lịch trực {accept_encoding}"
    manage(env, "import_articles", article_file(tmp_path, title, f"https://cu.example/{accept_encoding}"))
    article = f"/chinh-quyen/{vn_slugify(title)}/"
    headers = {"Host": "localhost", "Accept-Encoding": accept_encoding}
    fresh = httpx.get(base + article, headers=headers)
    assert fresh.headers["x-micro-cache"] == "MISS" and "x-page-cache" not in fresh.headers
    for name in ("x-content-type-options", "referrer-policy", "cross-origin-opener-policy", "content-security-policy"):
        assert name in fresh.headers, name
    assert "cookie" in header_set(fresh.headers.multi_items())["vary"]
    from_nginx = httpx.get(base + article, headers=headers)
    assert from_nginx.headers["x-micro-cache"] == "HIT"

    # Once nginx's second is over, its copy is refreshed from the app's page cache.
    answers = []

    def from_page_cache():
        answers.append(httpx.get(base + article, headers=headers))
        return answers[-1].headers.get("x-page-cache") == "HIT"

    wait_for(from_page_cache, timeout=4)
    expected = header_set(fresh.headers.multi_items())
    assert header_set(from_nginx.headers.multi_items()) == expected
    for answer in answers:
        assert header_set(answer.headers.multi_items()) == expected, answer.headers


def client_from(address):
    # Every 127.0.0.0/8 address is this machine: a client with its own address, like one on the internet.
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), headers={"Host": "localhost"})


def log_in(client, url, username, password, forwarded_for=None):
    login = f"{url}/{settings.PORTAL_ADMIN_PATH}/login/"
    form = client.get(login)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    data = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    return client.post(login, data=data, headers=headers).status_code


def test_login_lockout_behind_nginx_is_per_username_and_client_address(stack):
    base, env, app = stack
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        f"from accounts.models import User; User.objects.create_superuser('bien-tap', 'bt@example.org', '{PASSWORD}')",
    )
    attacker, editor = client_from("127.0.0.5"), client_from("127.0.0.6")
    with attacker, editor:
        # The attacker names the editor's address: nginx appends the real one, which is what counts.
        attempts = settings.AXES_FAILURE_LIMIT
        outcomes = [log_in(attacker, base, "bien-tap", "sai", forwarded_for="127.0.0.6") for _ in range(attempts)]
        assert outcomes == [200] * (attempts - 1) + [429]  # the form again with its error, then the lockout
        assert log_in(attacker, base, "bien-tap", PASSWORD) == 429
        # The editor, from elsewhere, is not locked out.
        assert log_in(editor, base, "bien-tap", PASSWORD) == 302

        # Straight to the app, a forwarded header from a peer that is not a trusted proxy is ignored: the
        # attacker cannot pass for someone else to get around the lockout.
        assert log_in(attacker, app, "bien-tap", PASSWORD, forwarded_for="198.51.100.7") == 429
