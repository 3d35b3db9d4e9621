"""Production: PostgreSQL, Redis, HTTPS behind a proxy. Refuses to start without SECRET_KEY.

Each scale-out part is switched on by its environment variable (docs/deployment.md)."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    DATABASES,
    MIDDLEWARE,
    REDIS_URL,
    SECRET_KEY,
    STORAGES,
)
from .env import env_bool, env_float, env_int, env_str

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

DEBUG = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The proxy terminates TLS and sets X-Forwarded-Proto; it must overwrite (never pass on) a
# client-sent X-Forwarded-Proto, or a client could claim HTTPS. See docs/deployment.md.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is hard to undo (browsers hard-code the domain for months): only on request,
# once every subdomain serves HTTPS (docs/deployment.md).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # check --deploy recommends preload (W021); here it is a deliberate opt-in.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The admin reads its CSRF token from the page, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True}
}

# Sessions: in Redis for speed, written through to the database so a Redis restart or
# outage logs nobody out; any gunicorn container can serve any editor (stateless web tier).
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Media in object storage (S3 API: AWS, MinIO, Aliyun OSS, Tencent COS …) when a bucket is
# named; otherwise MEDIA_ROOT on a shared volume.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
                "region_name": env_str("AWS_S3_REGION_NAME") or None,
                "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
                # Uploaded files never overwrite each other and are not publicly listable.
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            },
        },
    }

# Read replica for anonymous page views (ops/db_routing.py).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES = {
        **DATABASES,
        "replica": dj_database_url.parse(
            DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True
        ),
    }
    DATABASE_ROUTERS = ["ops.db_routing.PrimaryReplicaRouter"]
    # After a publish, anonymous reads go to the primary this long (replication lag).
    REPLICA_LAG_WINDOW_SECONDS = env_int("REPLICA_LAG_WINDOW_SECONDS", 5)
    MIDDLEWARE = [*MIDDLEWARE]
    MIDDLEWARE.insert(1, "ops.db_routing.ReplicaForAnonymousReadsMiddleware")

# CDN purge on publish: Wagtail's frontend cache invalidator, one backend per variable.
FRONTEND_CACHE_PURGE_URL = env_str("FRONTEND_CACHE_PURGE_URL")  # e.g. Varnish / nginx
CLOUDFRONT_DISTRIBUTION_ID = env_str("CLOUDFRONT_DISTRIBUTION_ID")
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_PURGE_URL,
    }
if CLOUDFRONT_DISTRIBUTION_ID:
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": CLOUDFRONT_DISTRIBUTION_ID,
    }
# caching/cdn.py purges, after commit and once per change, every address the page cache
# purges (both languages, sections, partner routes, the sitemap). Wagtail's frontend-cache
# app is deliberately not installed: its own publish handler would purge a second time
# (and only the page in the active language). Its purge utilities work without it.

# Error reporting: Sentry when SENTRY_DSN is set. No personal data is sent.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
        send_default_pii=False,
    )

# A purge must reach every gunicorn worker: with the local-memory cache each worker would
# keep its own stale copy, so without Redis the page cache stays off unless asked for.
if not REDIS_URL:
    PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
    # Likewise for values remembered in each worker's memory (caching/memo.py).
    GENERATION_MEMO = False
