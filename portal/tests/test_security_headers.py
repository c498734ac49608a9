"""Security headers on public and admin responses under the production settings, and `check --deploy`."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

BASE_DIR = Path(__file__).resolve().parents[2]
SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PORTAL_ADMIN_CSP_DIRECTIVES",
]


@pytest.fixture
def production(monkeypatch):
    """The security settings exactly as portal.settings.production computes them."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    monkeypatch.delenv("PORTAL_INSECURE_HTTP", raising=False)
    module = importlib.import_module("portal.settings.production")
    module = importlib.reload(module)
    with override_settings(**{name: getattr(module, name) for name in SECURITY_SETTINGS}):
        yield Client(HTTP_X_FORWARDED_PROTO="https")


def _csp(response):
    policy = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


def test_public_page_headers(production, ward_site, make_article):
    article = make_article(ward_site, "Họp dân về đường điện")
    response = production.get(article.url)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = _csp(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    # The only inline script on public pages is JSON-LD data, which browsers never execute.
    html = response.content.decode()
    assert html.count("<script") == html.count('<script type="application/ld+json">') == 1


def test_plain_http_is_redirected_to_https(production, ward_site):
    response = Client().get("/", HTTP_HOST="localhost")
    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_admin_headers_and_cookies(production, ward_site):
    response = production.get("/admin/login/")
    assert response.status_code == 200
    policy = _csp(response)
    assert "'unsafe-inline'" in policy["script-src"]  # Wagtail's admin needs it; scoped to the admin only
    assert policy["frame-ancestors"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    cookie = response.cookies["__Host-csrftoken"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"


def test_error_pages_leak_nothing(production, ward_site):
    response = production.get("/khong-co-trang-nay/../../etc/passwd")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Traceback" not in text and "settings" not in text.lower() and "/etc/passwd" not in text
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_check_deploy_is_clean():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "honggai.gov.vn,baichay.gov.vn",
    }
    env.pop("PORTAL_INSECURE_HTTP", None)
    # Set by the browser fixture for Playwright's event loop in this test process; never in deployment.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_refuse_a_missing_or_weak_secret_key():
    for key in ("", "ngan-qua", "a" * 60):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": key}
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode != 0 and "SECRET_KEY" in result.stderr
