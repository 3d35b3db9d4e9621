"""Test runs: SQLite unless DATABASE_URL is set (CI sets PostgreSQL); fast password hashing."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# Tests measure rendering (queries per page); tests/test_page_cache.py turns the cache on.
PAGE_CACHE_SECONDS = 0
