"""Settings for the test suite: production settings with test-only values filled in.

Everything still comes from the one schema in settings.py; this only supplies the values
a developer machine lacks. DATABASE_URL and REDIS_URL from the environment win, so CI runs
the same suite against PostgreSQL and Redis.
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("RECEIPT_CODE_KEY", "test-only-receipt-key")

from .settings import *  # noqa: E402,F403
from .settings import STORAGES  # noqa: E402

# No collectstatic in tests: serve from the source folders.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The browser tests talk to a plain-HTTP live server.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
