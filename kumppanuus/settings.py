"""Settings for Kumppanuus.

One `environ.Env` schema; every variable is listed, with a comment, in `.env.example`.
With DEBUG off nothing insecure can start: a missing SECRET_KEY or ALLOWED_HOSTS stops
start-up with a message saying what to set.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, ""),
    DATABASE_CONNECT_TIMEOUT=(int, 3),
    DATABASE_STATEMENT_TIMEOUT=(int, 600),
    DATABASE_REQUEST_TIMEOUT=(float, 5.0),
    REDIS_URL=(str, ""),
    REDIS_TIMEOUT=(float, 2.0),
    CELERY_BROKER_URL=(str, ""),
    RECEIPT_CODE_KEY=(str, ""),
    TRUSTED_PROXY_COUNT=(int, 0),
    RECEIPT_RATE_LIMITS=(str, "10/60,100/86400"),
    API_RATE_LIMITS=(str, "120/60,20000/86400"),
    API_BAD_KEY_RATE_LIMITS=(str, "20/60,200/86400"),
    SUBSCRIPTION_EMAIL_KEY=(str, ""),
    PUBLIC_BASE_URL=(str, ""),
    ACCESSIBILITY_CONTACT_EMAIL=(str, "saavutettavuus@example.fi"),
    SESSION_IDLE_MINUTES=(int, 30),
    SESSION_WARNING_MINUTES=(int, 3),
    LOGIN_FAILURE_LIMIT=(int, 5),
    LOGIN_COOLOFF_MINUTES=(int, 15),
    LOCAL_LOGIN=(bool, True),
    LOCAL_LOGIN_USERS=(list, []),
    OIDC_PROVIDER_NAME=(str, ""),
    OIDC_ISSUER=(str, ""),
    OIDC_RP_CLIENT_ID=(str, ""),
    OIDC_RP_CLIENT_SECRET=(str, ""),
    OIDC_OP_AUTHORIZATION_ENDPOINT=(str, ""),
    OIDC_OP_TOKEN_ENDPOINT=(str, ""),
    OIDC_OP_USER_ENDPOINT=(str, ""),
    OIDC_OP_JWKS_ENDPOINT=(str, ""),
    OIDC_OP_LOGOUT_ENDPOINT=(str, ""),
    OIDC_RP_SCOPES=(str, "openid profile email"),
    OIDC_RP_SIGN_ALGO=(str, "RS256"),
    OIDC_GROUPS_CLAIM=(str, "groups"),
    OIDC_USERNAME_CLAIM=(str, "preferred_username"),
    OIDC_RECHECK_MINUTES=(int, 0),
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_PROXY_SSL_HEADER=(str, "HTTP_X_FORWARDED_PROTO"),
    SECURE_HSTS_SECONDS=(int, 31_536_000),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "kumppanuus@localhost"),
    LOG_LEVEL=(str, "INFO"),
    AUDIT_RETENTION_DAYS=(int, 730),
    NOTE_TEXT_RETENTION_DAYS=(int, 730),
    AGGREGATION_SWEEP_SECONDS=(int, 300),
    AGGREGATION_BATCH_SIZE=(int, 2000),
    AGGREGATION_DEBOUNCE_SECONDS=(int, 5),
    GROUPING_EMBEDDING_BACKEND=(str, ""),
    BENCH_HELLO=(bool, False),
)
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)

DEBUG = env("DEBUG")

SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key"  # noqa: S105
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off Kumppanuus refuses to start without it: "
            "set SECRET_KEY to a long random value (see .env.example)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. With DEBUG off Kumppanuus refuses to start without it: "
            "set ALLOWED_HOSTS to the host names the service answers to, comma-separated."
        )
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

# Receipt codes are stored only as an HMAC keyed by this value. It defaults to a key derived
# from SECRET_KEY; set it separately so that rotating SECRET_KEY keeps codes working.
RECEIPT_CODE_KEY = env("RECEIPT_CODE_KEY") or f"receipt:{SECRET_KEY}"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "kumppanuus",
    "encounters",
    "feedback",
    "reports",
]

MIDDLEWARE = [
    # First: its deadline covers every database round trip of the request, and it turns an
    # unavailable database or Redis into the 503 page (kumppanuus/outages.py).
    "kumppanuus.middleware.ServiceUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: its view hook refuses an oversized body before anything parses it.
    "kumppanuus.middleware.LimitRequestSizeMiddleware",
    # A NUL or another control character in the query string: the 400 page, not a 500.
    "kumppanuus.middleware.HostileQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kumppanuus.middleware.StaffNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSPMiddleware, which then sees the provider it adds to form-action.
    "encounters.sso.middleware.SingleSignOnMiddleware",
    # Last, so that it sees every failed login of the authentication backends.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kumppanuus.urls"
WSGI_APPLICATION = "kumppanuus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kumppanuus.context_processors.session_timeout",
                "kumppanuus.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite by default (the embedded demo), PostgreSQL through DATABASE_URL alone.
DATABASES = {
    "default": env.db_url_config(env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Writers wait for each other instead of failing with "database is locked".
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": BASE_DIR / "test-db.sqlite3"}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's engine plus a deadline on each round trip of a web request (a hung server
    # must not hold a request for ever): kumppanuus/postgresql/base.py.
    DATABASES["default"]["ENGINE"] = "kumppanuus.postgresql"
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # libpq gives up connecting after this many seconds (2 at the least).
    options.setdefault("connect_timeout", env("DATABASE_CONNECT_TIMEOUT"))
    if env("DATABASE_STATEMENT_TIMEOUT") > 0:
        # The server cancels any statement running longer, in any process. The default
        # (600 s) is the Celery task time limit: no job's statement needs more.
        options["options"] = " ".join(
            filter(
                None,
                [
                    options.get("options", ""),
                    f"-c statement_timeout={env('DATABASE_STATEMENT_TIMEOUT')}s",
                ],
            )
        )
# Within a web request, a database round trip (query, commit, health check) still waiting
# after this many seconds is abandoned and the request answers 503 (PostgreSQL only).
DATABASE_REQUEST_TIMEOUT = env("DATABASE_REQUEST_TIMEOUT")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's password check, limited to LOCAL_LOGIN_USERS when LOCAL_LOGIN is off.
    "encounters.sso.backends.LocalPasswordBackend",
    # Single sign-on (OpenID Connect); refuses everything while it is not configured.
    "encounters.sso.backends.SignInServiceBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "feedback:capture"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection: a user name + address pair is locked after LOGIN_FAILURE_LIMIT
# failures; the lock ends by itself after the cool-off.
AXES_FAILURE_LIMIT = env("LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=env("LOGIN_COOLOFF_MINUTES"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address from the one trusted source (TRUSTED_PROXY_COUNT): behind nginx, REMOTE_ADDR
# would lock a user name out for everyone at once.
AXES_CLIENT_IP_CALLABLE = "kumppanuus.lib.http.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Staff sessions end after SESSION_IDLE_MINUTES without a request; the page warns
# SESSION_WARNING_MINUTES before and offers to continue.
SESSION_IDLE_MINUTES = env("SESSION_IDLE_MINUTES")
SESSION_WARNING_MINUTES = env("SESSION_WARNING_MINUTES")
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
# With Redis, sessions are read from the cache and the database copy is written only when
# something changed or its expiry lags a minute (kumppanuus/sessions.py). Without Redis the
# cache is per process, so the database alone holds them.
SESSION_ENGINE = (
    "kumppanuus.sessions" if env("REDIS_URL") else "django.contrib.sessions.backends.db"
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Staff sign-in through the organisation's OpenID Connect provider (Entra ID, Keycloak):
# mozilla-django-oidc and encounters/sso/, see README "Single sign-on". Off while
# OIDC_RP_CLIENT_ID is empty; then only the password login exists.
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME")
OIDC_ISSUER = env("OIDC_ISSUER")
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
OIDC_OP_LOGOUT_ENDPOINT = env("OIDC_OP_LOGOUT_ENDPOINT")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO")
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM")
OIDC_USERNAME_CLAIM = env("OIDC_USERNAME_CLAIM")
if OIDC_RP_CLIENT_ID:
    _missing = [
        name
        for name in (
            "OIDC_ISSUER",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not globals()[name]
    ]
    if _missing:
        raise ImproperlyConfigured(
            "OIDC_RP_CLIENT_ID is set, so single sign-on is on, but these are empty: "
            f"{', '.join(_missing)}. Take them from the provider's discovery document "
            "(README: Single sign-on)."
        )
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
# The ID token is kept in the session as the id_token_hint of the provider's sign-out.
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = 10  # seconds per call to the provider (the library waits forever by default)
OIDC_CLOCK_SKEW_SECONDS = 60
# A signed-in session is re-checked with the provider this often (roles recomputed, a removed
# user signed out): by default the idle limit, so nobody keeps a role longer than that.
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = (env("OIDC_RECHECK_MINUTES") or SESSION_IDLE_MINUTES) * 60
# Passwords: with LOCAL_LOGIN off only the break-glass accounts in LOCAL_LOGIN_USERS may use
# one (django-axes still counts their failures); everyone else signs in through the provider.
LOCAL_LOGIN = env("LOCAL_LOGIN")
LOCAL_LOGIN_USERS = env("LOCAL_LOGIN_USERS")
if not LOCAL_LOGIN and not OIDC_RP_CLIENT_ID:
    raise ImproperlyConfigured(
        "LOCAL_LOGIN is off but single sign-on is not configured (OIDC_RP_CLIENT_ID): nobody "
        "but LOCAL_LOGIN_USERS could sign in. Configure the provider or turn LOCAL_LOGIN on."
    )

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# A capture POST is a few kilobytes; anything near a megabyte is hostile.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
MAX_REQUEST_BODY_BYTES = 1024 * 1024

# Celery: JSON only; with no broker configured, tasks run eagerly in-process so the
# embedded demo needs no Redis.
REDIS_URL = env("REDIS_URL")
# Seconds to connect to Redis and to wait for each answer (cache, sessions, broker). A
# Redis that does not answer costs a request this long at most, once per outage and then
# once every few seconds (kumppanuus/cache.py).
REDIS_TIMEOUT = env("REDIS_TIMEOUT")
CELERY_BROKER_URL = env("CELERY_BROKER_URL") or REDIS_URL
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 600
CELERY_TASK_TIME_LIMIT = 660
# An aggregation run unfinished this long after its start is one a dead worker left behind
# (reports.models.AggregationRun.abandon_stale): the hard time limit and a minute's margin.
AGGREGATION_RUN_ABANDONED_AFTER_SECONDS = CELERY_TASK_TIME_LIMIT + 60
# A task taken by a worker that then died whole (killed, machine lost) goes back to the
# queue after the visibility timeout. It must exceed the longest a task stays unacknowledged
# while alive: its hard time limit (660 s), or a retry's countdown (at most 300 s) plus the
# wait behind a running task. 900 s brings such a task back within 15 minutes instead of an
# hour; the beat sweep (AGGREGATION_SWEEP_SECONDS) catches up the outbox sooner anyway.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 900,
    "socket_connect_timeout": REDIS_TIMEOUT,
    "socket_timeout": REDIS_TIMEOUT,
}
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# How long staff reads of client notes stay in the audit log, and how long the words of a
# note are kept before the retention job erases them (its statistics stay).
AUDIT_RETENTION_DAYS = env("AUDIT_RETENTION_DAYS")
NOTE_TEXT_RETENTION_DAYS = env("NOTE_TEXT_RETENTION_DAYS")
# Beat: the outbox sweep picks up notes saved while the broker was unreachable.
# Run exactly one beat (make worker runs it inside the worker with -B).
AGGREGATION_SWEEP_SECONDS = env("AGGREGATION_SWEEP_SECONDS")
CELERY_BEAT_SCHEDULE: dict = {
    "aggregate-sweep": {
        "task": "reports.tasks.aggregate_sweep",
        "schedule": AGGREGATION_SWEEP_SECONDS,
        # A sweep not started within its interval is superseded by the next one.
        "options": {"expires": AGGREGATION_SWEEP_SECONDS},
    },
    "enforce-retention": {"task": "feedback.tasks.enforce_retention", "schedule": 24 * 3600},
    "feedback-notify-status-subscribers": {
        "task": "feedback.tasks.notify_status_subscribers",
        "schedule": 10 * 60,
    },
    "feedback-purge-status-subscriptions": {
        "task": "feedback.tasks.purge_status_subscriptions",
        "schedule": 24 * 60 * 60,
    },
    "remind-unused-knowledge": {
        "task": "reports.tasks.remind_unused_knowledge",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
}
# Publishing after a capture gives up quickly when the broker is down; the sweep catches up.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
# Notes per aggregation transaction: smaller batches lose less work to a crash.
AGGREGATION_BATCH_SIZE = env("AGGREGATION_BATCH_SIZE")
# With a broker, captures queue at most one aggregation run per this many seconds, started
# just after the window (reports.tasks.enqueue_after_capture); 0 queues one per capture.
AGGREGATION_DEBOUNCE_SECONDS = env("AGGREGATION_DEBOUNCE_SECONDS")
# feedback calls these (dotted paths) after a capture commits; reports queues the job.
FEEDBACK_CAPTURE_HOOKS = ["reports.tasks.enqueue_after_capture"]
# Optional embedding backend for grouping (a class path); off by default, nothing downloads.
GROUPING_EMBEDDING_BACKEND = env("GROUPING_EMBEDDING_BACKEND")

CACHES = {
    "default": (
        {
            "BACKEND": "kumppanuus.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

# Security headers. Content-Security-Policy without unsafe-inline: every script and style
# comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
    # Behind a TLS-terminating proxy that sets this header (see deploy/nginx).
    SECURE_PROXY_SSL_HEADER = (env("SECURE_PROXY_SSL_HEADER"), "https")
    SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # /healthz is probed over plain HTTP by load balancers inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Only `make bench` sets this: it adds /bench/hello, the bare view that measures the
# gunicorn + Django floor. Production never has the URL.
BENCH_HELLO = env("BENCH_HELLO")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {
        # Errors are logged with the path only: no handler here prints request bodies,
        # which could carry a client's words.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# The client's address, for the receipt page's rate limit and the login lock-out, comes from
# kumppanuus.lib.http.client_ip: REMOTE_ADDR, or behind this many reverse proxies (the
# shipped nginx: 1) the X-Forwarded-For entry the outermost proxy added. Never a header a
# client could set itself.
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT")
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

# The client's receipt page (/r/<code>). Lookups are limited per client address, as
# (attempts, seconds) pairs. The access log must not print the code: gunicorn.conf.py
# redacts /r/ paths.


def _rate_limits(raw: str, name: str = "RECEIPT_RATE_LIMITS") -> list[tuple[int, int]]:
    """ "10/60,100/86400" -> [(10, 60), (100, 86400)]: attempts per window of seconds."""
    try:
        limits = [tuple(int(part) for part in item.split("/")) for item in raw.split(",")]
    except ValueError:
        limits = []
    if not limits or any(len(limit) != 2 or min(limit) < 1 for limit in limits):
        raise ImproperlyConfigured(
            f"{name} must look like 10/60,100/86400 (attempts/seconds), not {raw!r}"
        )
    return limits


RECEIPT_RATE_LIMITS = _rate_limits(env("RECEIPT_RATE_LIMITS"))
# The Integration API (/api/v1/): calls per integration key, and calls with a wrong key
# per client address, as (attempts, seconds) pairs like RECEIPT_RATE_LIMITS.
API_RATE_LIMITS = _rate_limits(env("API_RATE_LIMITS"), "API_RATE_LIMITS")
API_BAD_KEY_RATE_LIMITS = _rate_limits(env("API_BAD_KEY_RATE_LIMITS"), "API_BAD_KEY_RATE_LIMITS")
# Clients' e-mail addresses for status e-mails are stored encrypted under a key derived from
# this (default: from SECRET_KEY). Changing it makes stored addresses unreadable.
SUBSCRIPTION_EMAIL_KEY = env("SUBSCRIPTION_EMAIL_KEY") or f"subscription:{SECRET_KEY}"
# E-mail subscriptions to status changes are deleted after this many days at the latest.
RECEIPT_SUBSCRIPTION_MAX_DAYS = 365
# The public address of the service, for links in e-mails (no trailing slash).
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL").rstrip("/")
# Where the accessibility statement asks people to send accessibility feedback.
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL")
