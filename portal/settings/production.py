import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY phải được đặt trong biến môi trường (ít nhất 50 ký tự ngẫu nhiên).")

# Behind TLS in production; `make serve` on loopback sets PORTAL_INSECURE_HTTP=1
# so the same settings answer plain HTTP on 127.0.0.1.
_https = not env_bool("PORTAL_INSECURE_HTTP", False)  # noqa: F405
SECURE_SSL_REDIRECT = _https
PORTAL_PUBLIC_HTTPS = _https
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_HSTS_SECONDS = 31536000 if _https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Nothing of ours is framed except Wagtail's previews, which set SAMEORIGIN on their own responses.
X_FRAME_OPTIONS = "DENY"
if _https:
    # Browsers only accept __Host- cookies over HTTPS, from the exact host, for path /.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", WAGTAILADMIN_BASE_URL)  # noqa: F405

# A real mail server in production; the console backend is for development only.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # noqa: F405
