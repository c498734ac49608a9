"""Settings shared by every environment.

Secure by default: DEBUG is off, secrets and service URLs come from the
environment, and each outside integration is switched on by its variable.
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")

# Ward sites answer by hostname: production lists them in ALLOWED_HOSTS (create_ward_site warns about a
# hostname missing there). Local names are always allowed, so every demo ward (baichay.localhost…) answers
# under `make run` and `make serve`; a Host of localhost only reaches the app from this machine or its proxy.
LOCAL_HOSTS = ["localhost", ".localhost", "127.0.0.1", "[::1]"]
ALLOWED_HOSTS = [*env_list("ALLOWED_HOSTS"), *LOCAL_HOSTS]

INSTALLED_APPS = [
    # Per-language page fields (title_vi/title_en…) for the English "Giới thiệu" pages; before the apps whose
    # models they translate, and page_translation's `migrate` before wagtail-modeltranslation's, which it extends.
    "page_translation",
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "core",
    "images",
    "wards",
    "news",
    "wardinfo",
    "schedule",
    "documents",
    "procedures",
    "announcements",
    "pagecache",
    "admin_vi",
    "widgets",
    "editorial",
    "accounts",
    "stats",
    "search",
    "intake",
    "questions",
    "consultations",
    "ratings",
    "maintenance",
    "audit",
    "archive",
    "legacy",
    "api",
    "integrity",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's user admin with a per-site restriction for ward administrators (accounts/users.py).
    "accounts.apps.PortalUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
]

MIDDLEWARE = [
    # Pages go out compressed even without nginx in front (`make serve`); public pages carry no secrets.
    # Outermost: how long each page answer took, the page cache's included (stats/timing.py).
    "stats.timing.ResponseTimeMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Above every middleware that adds headers (security, session's Vary, CSP), so a stored page keeps them
    # all and a hit answers with the same headers as a fresh render; below GZip, so it stores plain bodies (a
    # page it stores goes out with the gzip it stored, which GZip then leaves alone).
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Old portals' hostnames (legacy.LegacyHost) answer only with 301/410, before anything renders for them.
    "legacy.middleware.LegacyHostMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who acts, for the audit log's entries made by signals that carry no user (audit/context.py).
    "audit.context.AuditUserMiddleware",
    "wards.sitecache.SiteBundleMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.csp.PortalCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "wards.context_processors.ward",
                "maintenance.banner.context",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# DATABASE_URL selects the database for every command; unset, the SQLite file
# that `make run` creates.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
# Django's backends, with a connection that saw a fault (read-only or full database) replaced after its request
# instead of failing every write until it ages out (portal/db_faults.py).
DATABASES["default"]["ENGINE"] = {
    "django.db.backends.sqlite3": "portal.sqlite3",
    "django.db.backends.postgresql": "portal.postgresql",
}.get(DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"])
if DATABASES["default"]["ENGINE"] == "portal.sqlite3":
    # WAL lets readers proceed while a writer commits; the timeout makes writers
    # queue instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Connections are kept (per thread) as on PostgreSQL: opening one runs the PRAGMAs and registers
    # Django's SQL functions, about 3 ms of CPU per request when done afresh every time.

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
WAGTAILIMAGES_IMAGE_MODEL = "images.PortalImage"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_DIR = Path(os.environ.get("PORTAL_CACHE_DIR", BASE_DIR / ".cache"))
# After a Redis failure the cache leaves Redis alone for this long (pages are rendered uncached meanwhile).
PORTAL_CACHE_RETRY_SECONDS = float(os.environ.get("PORTAL_CACHE_RETRY_SECONDS", "1"))
if REDIS_URL:
    # A Redis that does not answer is a cache miss, never an error page (portal/cache.py).
    CACHES = {
        alias: {
            "BACKEND": "portal.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"portal-{alias}",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "RETRY_SECONDS": PORTAL_CACHE_RETRY_SECONDS,
                # The page cache's generations must read as "unknown", not 0, while Redis is away.
                "RAISE_ERRORS": alias == "pages",
                # Counters go on in each process's memory while Redis is away: django-axes' failed logins,
                # the statistics beacon's rate limit (stats/limits.py).
                "LOCAL_FALLBACK": alias in ("axes", "ratelimit"),
            },
        }
        # Wagtail keeps image renditions under "renditions" and writes them on every render.
        for alias in ("default", "pages", "renditions", "axes", "ratelimit")
    }
else:
    # Without Redis the caches live in files, so every worker process sees the
    # same entries and an invalidation reaches all of them.
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / alias),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
        for alias in ("default", "pages")
    }
    # The beacon's rate limit (stats/limits.py) counts in files shared by the workers; on a full disk each
    # process counts in its memory until the files can be written again.
    CACHES["ratelimit"] = {
        "BACKEND": "portal.cache.FaultTolerantFileCache",
        "LOCATION": str(CACHE_DIR / "ratelimit"),
        "OPTIONS": {"MAX_ENTRIES": 20000, "LOCAL_FALLBACK": True, "RETRY_SECONDS": PORTAL_CACHE_RETRY_SECONDS},
    }
    # Wagtail writes each rendition it shows to this cache on every render: in files, a write and a rename
    # per image per page. Per process instead; an image whose renditions were replaced is seen by the other
    # processes within TIMEOUT seconds.
    CACHES["renditions"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 60,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
# Rendered parts of pages in process memory, keyed by the versions of what they show (page revision, site
# generation; see the templates' {% cache %} tags), so they need no invalidation; TIMEOUT bounds how long
# a replaced image file can still be referred to.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# Full-page cache for anonymous readers (pagecache app); 0 switches it off.
PORTAL_PAGE_CACHE_ALIAS = "pages"
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "120"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.CharacterVarietyValidator"},
    {"NAME": "accounts.passwords.PortalWordsValidator"},
]

# Vietnamese first: the UI, dates and numbers; times stored in UTC and shown
# in Vietnam's time zone.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Our own strings (makemessages writes here) first, then the Vietnamese of the Wagtail admin, which
# admin_vi's build_admin_translations writes; both take precedence over the apps' own catalogues.
ADMIN_LOCALE_DIR = BASE_DIR / "locale_wagtail"
LOCALE_PATHS = [BASE_DIR / "locale", ADMIN_LOCALE_DIR]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Content languages (wagtail-modeltranslation): Vietnamese, and English for the pages that have an English version
# (wardinfo/translation.py). Not in LANGUAGES: no language negotiation, no /vi/ prefix; English pages are served
# by their own view under /en/ (wardinfo/views.py).
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)
MODELTRANSLATION_TRANSLATION_FILES = ("page_translation.every_page_type",)
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = False
# Its language picker only knows the languages of LANGUAGES (Vietnamese alone here): the "[vi]" and "[en]" fields
# are simply shown one after the other.
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# The archive's PDF and WARC files (archive/): outside MEDIA_ROOT, so only its views (which check that the page
# is still public) hand them out.
PORTAL_ARCHIVE_ROOT = Path(os.environ.get("ARCHIVE_ROOT", BASE_DIR / "archive-files"))
PORTAL_SERVE_MEDIA = env_bool("PORTAL_SERVE_MEDIA", DEBUG)
# Absolute URLs (sitemap, canonical, Open Graph, RSS, JSON-LD) name https://<site hostname> when True;
# otherwise the scheme, host and port of the request (core.public_urls). Production sets it.
PORTAL_PUBLIC_HTTPS = False

# A static file missing from the manifest is served under its plain name rather than failing the page.
WHITENOISE_MANIFEST_STRICT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Cổng thông tin điện tử phường, xã"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# The admin's address is the operator's choice, so scanners don't find it by default.
PORTAL_ADMIN_PATH = os.environ.get("PORTAL_ADMIN_PATH", "admin").strip("/") or "admin"
# The admin's script then proposes slugs with Vietnamese letters kept, which core.forms turns into ASCII
# ("phường" -> "phuong"); with False the script drops every letter it cannot transliterate ("phng").
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_I18N_ENABLED = False
# Wagtail's database search with Vietnamese folding (search app, docs/search.md).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- admin_vi: the admin in Vietnamese for ward editors (docs/admin-vietnamese.md) ---
# Wagtail's login form leaves its password label untranslatable; ours gives it the catalogue's label.
WAGTAILADMIN_USER_LOGIN_FORM = "admin_vi.forms.VietnameseLoginForm"
# Day before month when staff type or pick dates (Django's Vietnamese formats leave input to US order).
FORMAT_MODULE_PATH = ["admin_vi.formats"]
# --- Widgets: weather and exchange rates (app `widgets`, docs/widgets.md) ----------------------------
# Pages only read stored snapshots; `manage.py run_widget_jobs` fetches. The URLs are the full
# endpoints, so tests and staging can point them at local servers.
PORTAL_WEATHER_URL = os.environ.get("PORTAL_WEATHER_URL", "https://api.open-meteo.com/v1/forecast")
PORTAL_FX_URL = os.environ.get(
    "PORTAL_FX_URL", "https://portal.vietcombank.com.vn/Usercontrols/TVPortal.TyGia/pXML.aspx?b=10"
)
PORTAL_WEATHER_PROVIDER = os.environ.get("PORTAL_WEATHER_PROVIDER", "widgets.providers.openmeteo.OpenMeteoProvider")
PORTAL_FX_PROVIDER = os.environ.get("PORTAL_FX_PROVIDER", "widgets.providers.vietcombank.VietcombankProvider")
PORTAL_WEATHER_INTERVAL = int(os.environ.get("PORTAL_WEATHER_INTERVAL", "1800"))
PORTAL_FX_INTERVAL = int(os.environ.get("PORTAL_FX_INTERVAL", "900"))  # never below 300: the feed's rule
WIDGETS_HTTP = {
    "connect_timeout": float(os.environ.get("PORTAL_WIDGETS_CONNECT_TIMEOUT", "3")),
    "read_timeout": float(os.environ.get("PORTAL_WIDGETS_READ_TIMEOUT", "5")),
    "retries": 2,
    "backoff": 1.0,
    "max_bytes": 1_000_000,
}
WIDGETS_WEATHER_STALE_AFTER = int(os.environ.get("PORTAL_WEATHER_STALE_AFTER", str(3 * 3600)))
WIDGETS_FX_STALE_AFTER = int(os.environ.get("PORTAL_FX_STALE_AFTER", str(3 * 3600)))
# New snapshots clear the cache at once; the timeout only bounds what a per-process cache
# (no REDIS_URL) can miss when the job runs in another process.
WIDGETS_CACHE_SECONDS = int(os.environ.get("PORTAL_WIDGETS_CACHE_SECONDS", "60"))

# --- Editorial roles, accounts and hardening (apps editorial, accounts; see docs/security.md) ---
import datetime  # noqa: E402

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out username+address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout per username *and* address: an attacker cannot lock a reporter out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # no log of successful logins (and their addresses)
AXES_USERNAME_FORM_FIELD = "username"
# With Redis, failures are counted in the cache under hashed keys and no address is written to the
# database (while Redis is away, in each process's memory: the "axes" cache's LOCAL_FALLBACK); without
# Redis, axes' database handler keeps attempts until the cool-off ends.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler" if REDIS_URL else "axes.handlers.database.AxesDatabaseHandler"
AXES_CACHE = "axes" if REDIS_URL else "default"
# The client's address from X-Forwarded-For when the request comes from a trusted proxy (nginx on this machine
# by default, PORTAL_TRUSTED_PROXIES), else the peer's: a forged header from anyone else is ignored.
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_ip"

OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Cổng thông tin phường, xã")

# Sessions end after an hour without activity; every request pushes the expiry forward.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CROSS_ORIGIN_OPENER_POLICY = "same-origin"

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Avatars from gravatar.com would send a hash of every editor's email address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

WAGTAILIMAGES_IMAGE_FORM_BASE = "images.forms.PortalImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "images.forms.PortalDocumentForm"
# Only what an article needs; SVG and HTML are refused (checked by content in images/uploads.py).
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Content-Security-Policy (django-csp 4): strict on public pages, looser in the admin, which relies
# on inline scripts and styles (portal/csp.py picks the policy by path).
_EMBED_HOSTS = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": _EMBED_HOSTS,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PORTAL_ADMIN_CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *_EMBED_HOSTS],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# --- Visitor statistics (stats app); see docs/statistics.md -------------------------
# Proxies (addresses or networks) whose X-Forwarded-For is believed, by the statistics and the login lockout
# (core/client_address.py); default: this machine (nginx in front of granian on loopback); empty: none.
PORTAL_TRUSTED_PROXIES = env_list("PORTAL_TRUSTED_PROXIES", "127.0.0.1,::1")
# "Đang online": distinct visitors seen in the last this many minutes.
PORTAL_STATS_ONLINE_MINUTES = int(os.environ.get("PORTAL_STATS_ONLINE_MINUTES", "5"))
# A visitor's views of one path count at most once in this many seconds.
PORTAL_STATS_REPEAT_SECONDS = int(os.environ.get("PORTAL_STATS_REPEAT_SECONDS", "30"))
# How long the widget's figures are cached (0: not at all).
PORTAL_STATS_CACHE_SECONDS = int(os.environ.get("PORTAL_STATS_CACHE_SECONDS", "10"))
# With Redis, hits are buffered there and folded in by `manage.py stats_fold`.
PORTAL_STATS_REDIS_URL = os.environ.get("PORTAL_STATS_REDIS_URL", REDIS_URL)
PORTAL_STATS_REDIS_PREFIX = os.environ.get("PORTAL_STATS_REDIS_PREFIX", "portal:stats:")
# After a Redis failure, count in the database for this long before trying Redis again.
PORTAL_STATS_REDIS_RETRY_SECONDS = float(os.environ.get("PORTAL_STATS_REDIS_RETRY_SECONDS", "5"))
# What one address (an IPv6 /64) may add to a site, since many phones share one address behind carrier NAT
# (docs/statistics.md): beacons per window (more are answered 429), and new visitors per day (more still
# count as views, not as visitors). 0 switches a limit off.
PORTAL_STATS_RATE_LIMIT = int(os.environ.get("PORTAL_STATS_RATE_LIMIT", "120"))
PORTAL_STATS_RATE_WINDOW = int(os.environ.get("PORTAL_STATS_RATE_WINDOW", "60"))
PORTAL_STATS_VISITORS_PER_ADDRESS = int(os.environ.get("PORTAL_STATS_VISITORS_PER_ADDRESS", "50"))

# Citizen input (intake/, docs/citizen-input.md). Submissions per visitor's network per window (every POST
# counts), items a site's queue takes per window (only those that passed every other check), the least time
# between showing a form and sending it, the largest body, the proof-of-work's search space and lifetime.
PORTAL_INTAKE_RATE_PER_ADDRESS = int(os.environ.get("PORTAL_INTAKE_RATE_PER_ADDRESS", "5"))
PORTAL_INTAKE_RATE_WINDOW = int(os.environ.get("PORTAL_INTAKE_RATE_WINDOW", "600"))
PORTAL_INTAKE_RATE_PER_SITE = int(os.environ.get("PORTAL_INTAKE_RATE_PER_SITE", "100"))
PORTAL_INTAKE_SITE_WINDOW = int(os.environ.get("PORTAL_INTAKE_SITE_WINDOW", "3600"))
PORTAL_INTAKE_MIN_SECONDS = float(os.environ.get("PORTAL_INTAKE_MIN_SECONDS", "5"))
PORTAL_INTAKE_MAX_BYTES = int(os.environ.get("PORTAL_INTAKE_MAX_BYTES", str(32 * 1024)))
PORTAL_INTAKE_POW_MAX_NUMBER = int(os.environ.get("PORTAL_INTAKE_POW_MAX_NUMBER", "100000"))
PORTAL_INTAKE_POW_SECONDS = int(os.environ.get("PORTAL_INTAKE_POW_SECONDS", str(2 * 3600)))
# Satisfaction rating (ratings/, docs/ratings.md): rating POSTs per network per window, and ratings one network
# may give one page in a day (people behind one carrier address share both). 0 switches a limit off.
PORTAL_RATING_RATE_PER_ADDRESS = int(os.environ.get("PORTAL_RATING_RATE_PER_ADDRESS", "20"))
PORTAL_RATING_RATE_WINDOW = int(os.environ.get("PORTAL_RATING_RATE_WINDOW", "600"))
PORTAL_RATING_PER_ADDRESS_PAGE = int(os.environ.get("PORTAL_RATING_PER_ADDRESS_PAGE", "10"))
# Days after a question is answered (or rejected) when its asker's contact details are deleted
# (`manage.py purge_question_contacts`, run daily by deploy/systemd/portal-purge-contacts.timer).
PORTAL_QUESTION_CONTACT_DAYS = int(os.environ.get("PORTAL_QUESTION_CONTACT_DAYS", "90"))
# The same for comments on drafts (`manage.py purge_consultation_contacts`, run by the same timer).
PORTAL_CONSULTATION_CONTACT_DAYS = int(os.environ.get("PORTAL_CONSULTATION_CONTACT_DAYS", "90"))

# Integrity checks (integrity/, docs/integrity.md). The manifest of file hashes `manage.py integrity_manifest`
# writes at deploy time and `check_integrity` compares with; the folders it covers (code, templates, collected
# static files); where the cloaking check fetches pages ("" = each site's public URL; behind the deploy/ nginx,
# its address, e.g. http://127.0.0.1, with the site's hostname in Host); how many pages it fetches per run.
PORTAL_INTEGRITY_MANIFEST = Path(os.environ.get("PORTAL_INTEGRITY_MANIFEST", BASE_DIR / "integrity-manifest.json"))
PORTAL_INTEGRITY_ROOTS = env_list("PORTAL_INTEGRITY_ROOTS") or [str(BASE_DIR), str(STATIC_ROOT)]
PORTAL_INTEGRITY_FETCH_URL = os.environ.get("PORTAL_INTEGRITY_FETCH_URL", "")
PORTAL_INTEGRITY_CLOAK_PAGES = int(os.environ.get("PORTAL_INTEGRITY_CLOAK_PAGES", "60"))
