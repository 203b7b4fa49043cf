"""Settings for Second Opinion, read from the environment.

Local runs need nothing set: SQLite, the database cache and DEBUG off, so a
developer sees the same error pages a patient would. ``DJANGO_PRODUCTION=1``
switches on HTTPS-only cookies, HSTS and the rest, and refuses to start
without a secret key and allowed hosts.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from core.cache_settings import redis_caches

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


PRODUCTION = envbool("DJANGO_PRODUCTION")
DEBUG = envbool("DJANGO_DEBUG") and not PRODUCTION
# `make bench` serves a bare view at /_bench/floor to measure against.
BENCH_FLOOR = envbool("DJANGO_BENCH_FLOOR")

if PRODUCTION:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_PRODUCTION is set: DJANGO_SECRET_KEY must be set to a random value "
            "of at least 50 characters."
        )
    ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_PRODUCTION is set: DJANGO_ALLOWED_HOSTS must list the site's host names."
        )
else:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "insecure-local-only-key-never-used-in-production-0123456789"
    )
    ALLOWED_HOSTS = envlist(
        "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "django_tasks_db",
    # Lowest layer first; a lower one never imports a higher one (.importlinter).
    "core",
    "guides",
    "packets",
    "questionnaire",
    "centers",
    "checklists",
    "printing",
]

MIDDLEWARE = [
    # Outermost, so SecurityMiddleware's own http -> https redirect gets them.
    "core.middleware.security_headers",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The address says the language (/es/ for Spanish); before URL resolution.
    "core.languages.path_language",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.session_lifetime",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.RequestGuards",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

# Plain inputs and textareas written in Python, the same HTML as Django's templates.
FORM_RENDERER = "core.form_renderer.FastWidgets"

ROOT_URLCONF = "secondopinion.urls"
WSGI_APPLICATION = "secondopinion.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "core.languages.other_languages",
                "django.template.context_processors.csp",
                # Lazy: only the admin reads `user`, so patient pages never
                # touch the session through it.
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": [
                "django.templatetags.static",
                "django.templatetags.i18n",
                # |glossary and |glossary_plain for [[term]] marks in any patient text.
                "guides.templatetags.content",
            ],
        },
    }
]

# Database: SQLite unless DATABASE_URL names another (PostgreSQL in CI and
# production, through psycopg 3 and its connection pool).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests use a file, not shared memory, so threads lock and wait as in real use.
    DATABASES["default"]["TEST"] = {"NAME": BASE_DIR / ".test-db.sqlite3"}
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue for the lock instead of failing at once, and WAL lets
        # readers go on while one writes.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # secure_delete zeroes deleted rows in place; packets/scrub.py
        # empties the WAL after a packet is deleted.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
        ),
    }
    # Keep each thread's connection: opening one (and its PRAGMAs) per request
    # cost more than the page itself.
    DATABASES["default"]["CONN_MAX_AGE"] = envint("DATABASE_CONN_MAX_AGE", 600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 3)
    if envbool("DATABASE_POOL", default=True):
        from psycopg_pool import ConnectionPool

        # psycopg's pool hands each request a ready connection (persistent
        # connections, CONN_MAX_AGE, cannot be used together with it).
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": envint("DATABASE_POOL_MIN", 2),
            "max_size": envint("DATABASE_POOL_MAX", 8),
            "timeout": 3,
            # A connection is checked before it is handed out: after a
            # database restart the pool drops the dead ones instead of
            # giving each to a request (a run of 503s).
            "check": ConnectionPool.check_connection,
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = envint("DATABASE_CONN_MAX_AGE", 600)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions. The database is the truth for everything that must
# not be lost: sessions (core/sessions.py) and rate limits (core/ratelimit.py)
# live there whatever the cache. The cache is the database by default (shared
# by every process, no other service), Redis when REDIS_URL is set; Redis
# then also speeds up session reads, and an outage only slows pages.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("DJANGO_CACHE_KEY_PREFIX", "")
if REDIS_URL:
    CACHES = redis_caches(
        REDIS_URL, CACHE_KEY_PREFIX, float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.5"))
    )
    SESSION_ENGINE = "core.sessions"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "secondopinion_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # Only cached PDFs and render slots live here now; Django's
            # default of 300 rows culled a third at a time.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    SESSION_ENGINE = "core.sessions_db"
# Public pages (guides, glossary, home) are the same for everyone: each
# process keeps a copy for a minute, so a burst of readers costs one render.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "public-pages",
    "TIMEOUT": envint("PAGE_CACHE_SECONDS", 60),
}

# Patient data is kept short: a session lasts two weeks from its last change,
# and `purge_packets` removes packets idle that long.
PACKET_MAX_IDLE_DAYS = envint("PACKET_MAX_IDLE_DAYS", 14)
SESSION_COOKIE_AGE = PACKET_MAX_IDLE_DAYS * 24 * 3600
# However active a session is, it ends this long after it began; an admin's
# much sooner (core.middleware.session_lifetime).
SESSION_ABSOLUTE_MAX_HOURS = envint("SESSION_ABSOLUTE_MAX_HOURS", PACKET_MAX_IDLE_DAYS * 24)
SESSION_STAFF_MAX_HOURS = envint("SESSION_STAFF_MAX_HOURS", 12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Messages live in a cookie, so showing one never touches the session.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at the bare addresses, Spanish under /es/ (core/languages.py).
# The Spanish catalogue is locale/es/LC_MESSAGES/django.po; the .mo beside it
# is built from it by `make` and by the test run, never committed.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
if PRODUCTION:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # The PDF's CJK fonts (17 MB of .otf) are read by the renderer, never sent
    # to a browser: compressing them would only slow collectstatic down.
    from whitenoise.compress import Compressor

    WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "ttf", "otf")
else:
    # Local runs serve straight from the source folders: no collectstatic.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True

# Security headers. The CSP allows nothing inline and nothing from another
# host: every script, style and font is a file of this site.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
}
# No address of this site ever reaches another host; this site's own pages
# send theirs, and so a real Origin on every form POST, which Django's CSRF
# check needs ("no-referrer" made browsers send "Origin: null").
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 63072000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix pins the cookies to this exact host, over HTTPS, path /.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# The client's address: REMOTE_ADDR, or X-Forwarded-For read from the right
# past this many proxies of ours (0: the header is ignored; see clientip.py).
TRUSTED_PROXY_COUNT = envint("DJANGO_TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXY_COUNT_SET = bool(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT"))

# Limits, all counted in the shared cache (packets/limits.py, printing/limits.py). PDF renders
# are CPU-heavy: at most PDF_MAX_CONCURRENT at once in one process and
# PDF_GLOBAL_MAX_CONCURRENT on all servers together; at most PDF_RATE_LIMIT
# renders a session, and PDF_ADDRESS_RATE_LIMIT a client address, in
# PDF_RATE_WINDOW seconds.
PDF_MAX_CONCURRENT = envint("PDF_MAX_CONCURRENT", 1)
PDF_GLOBAL_MAX_CONCURRENT = envint("PDF_GLOBAL_MAX_CONCURRENT", 4)
PDF_RATE_LIMIT = envint("PDF_RATE_LIMIT", 10)
PDF_ADDRESS_RATE_LIMIT = envint("PDF_ADDRESS_RATE_LIMIT", 30)
PDF_RATE_WINDOW = envint("PDF_RATE_WINDOW", 60)
# Renders queued on the whole site in PDF_RATE_WINDOW seconds: past it, a
# download is told the renderer is busy and to try again.
PDF_SITE_RATE_LIMIT = envint("PDF_SITE_RATE_LIMIT", 600)
# Packet PDFs are made by workers (printing/tasks.py), queued in the
# database: run `manage.py db_worker` beside the app servers (`make run`
# starts one). The tests run each task at once, in the request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A render no worker has taken after this many seconds: "Making your PDF"
# says it is taking longer than usual, and offers a way forward.
PDF_QUEUE_PATIENCE_SECONDS = envint("PDF_QUEUE_PATIENCE_SECONDS", 20)
# New packets (and so sessions) one client address may start.
PACKET_CREATE_LIMIT = envint("PACKET_CREATE_LIMIT", 30)
PACKET_CREATE_WINDOW = envint("PACKET_CREATE_WINDOW", 600)
# Admin: failed logins before a lock-out, per user name and per address, and
# the lock's length; DJANGO_ADMIN_ALLOWED_IPS (addresses or networks, comma
# separated) hides /admin/ from everyone else.
ADMIN_LOGIN_USER_FAILURES = envint("ADMIN_LOGIN_USER_FAILURES", 5)
ADMIN_LOGIN_ADDRESS_FAILURES = envint("ADMIN_LOGIN_ADDRESS_FAILURES", 20)
ADMIN_LOGIN_LOCK_SECONDS = envint("ADMIN_LOGIN_LOCK_SECONDS", 900)
ADMIN_ALLOWED_IPS = envlist("DJANGO_ADMIN_ALLOWED_IPS", [])
for _network in ADMIN_ALLOWED_IPS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"DJANGO_ADMIN_ALLOWED_IPS: {_network!r} is not an address or network"
        ) from None

# No form takes a file: a request with a file part is refused (400) as the
# parser meets the part, before any of it is kept in memory or on disk.
DATA_UPLOAD_MAX_NUMBER_FILES = 0

DEFAULT_EXCEPTION_REPORTER_FILTER = "core.reporting.PatientDataFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        # The PDF renderer's libraries quote the document in their messages
        # (one warning per character a font lacks): only their fixed wording
        # reaches the logs, at most once a minute (core/logredact.py).
        "renderer": {"class": "core.logredact.RedactingForwarder"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs carry URLs only; patient text is never in a URL.
        "django.request": {"level": "ERROR"},
        "weasyprint": {"level": "WARNING", "handlers": ["renderer"], "propagate": False},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING", "handlers": ["renderer"], "propagate": False},
        "pydyf": {"level": "WARNING", "handlers": ["renderer"], "propagate": False},
    },
}
# Pairing codes (packets/pairing.py): wrong codes one client address, and
# one entered code, may try in PAIRING_WINDOW seconds.
PAIRING_ADDRESS_FAILURES = envint("PAIRING_ADDRESS_FAILURES", 10)
PAIRING_CODE_FAILURES = envint("PAIRING_CODE_FAILURES", 5)
PAIRING_WINDOW = envint("PAIRING_WINDOW", 900)
# Every wrong code on the whole site together, in the same window: a ceiling
# no spread of addresses gets round. While it is reached nobody can join by
# code (the page says to wait); 300 wrong tries in 15 minutes is far beyond
# what patients type.
PAIRING_SITE_FAILURES = envint("PAIRING_SITE_FAILURES", 300)
