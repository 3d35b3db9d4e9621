"""Settings shared by every environment. Environment variables are documented in README.md."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import pgettext_lazy

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# How many reverse proxies in front of gunicorn append to X-Forwarded-For (docs/deployment.md):
# 0 = clients connect directly and the header is ignored. Drives the API throttle, the login
# lockout (ops/proxies.py) and gunicorn's forwarded_allow_ips. AXES_PROXY_COUNT is the older
# name, still read.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", env_int("AXES_PROXY_COUNT", 0))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must precede every app whose translation.py registers a Page
    # subclass; its two sub-apps keep makemigrations/migrate away from Wagtail's own package.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    # Generic apps (docs/architecture.md): content apps register with them.
    "ops",
    "translations",
    "editorial",
    "seeding",
    "caching",
    "search",
    "pages",
    # Content apps.
    "strategy",
    "partnerships",
    "news",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # The read-only content API (pages/api.py, tsinghua_med/api.py).
    "wagtail.api.v2",
    "rest_framework",
    "modelcluster",
    "taggit",
    # Country field of partnerships.Partner; installed so its zh_Hans country names load.
    "django_countries",
    # Translators edit the interface-string catalogues from the admin (translations/).
    "rosetta",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Admin login lockout after repeated failures.
    "axes",
    # Content-Security-Policy header (ops/security.py picks the policy per path).
    "csp",
]

MIDDLEWARE = [
    # First: answers an anonymous cache hit before any other layer runs (storing responses
    # with the headers the layers below add), and sets validators, cache headers and
    # compression on everything else on the way out (caching/middleware.py).
    "caching.middleware.PageCacheMiddleware",
    # Its duration covers the rest of the stack and it sees every final status.
    "ops.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ops.security.SiteCSPMiddleware",
    "ops.security.PermissionsPolicyMiddleware",
    # WhiteNoise, minus the manifest of hashed names (ops/static_files.py).
    "ops.static_files.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before the locale middleware: reloads catalogues a translator changed in the admin.
    "translations.catalogue.CatalogueReloadMiddleware",
    "translations.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After the locale middleware (routing matches the active language's slugs): hands
    # Wagtail the Site and the page of a public address, remembered per generation.
    "caching.routing.RouteCacheMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tsinghua_med.urls"
WSGI_APPLICATION = "tsinghua_med.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite needs no setup; production and CI set DATABASE_URL=postgres://… (psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tsinghua_med",
            # Short timeouts: a stopped or unreachable Redis must not stall page views.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    # A cache outage must degrade to database reads, not to errors.
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Wagtail looks rendition rows up in a cache named "renditions" when there is one: a page
# with images then costs no query per image once their renditions exist.
CACHES["renditions"] = {**CACHES["default"], "KEY_PREFIX": "tsinghua_med_renditions"}

# The read API (pages/api.py): throttled per client address; JSON only unless
# API_BROWSABLE (default: DEBUG) turns on the browsable HTML API.
REST_FRAMEWORK = {"NUM_PROXIES": TRUSTED_PROXY_COUNT}
API_BROWSABLE = env_bool("API_BROWSABLE", DEBUG)

# Anonymous page views are cached whole (caching/middleware.py); 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses locked-out credentials before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username+address pair after 5 failures for 15 minutes. Locking on the pair (not the
# username alone) means nobody can lock an editor out from elsewhere, and an unknown username
# locks exactly like a real one (no user enumeration through the lockout).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
# The lockout counts per client address, found behind TRUSTED_PROXY_COUNT proxies by the
# same rule as the API throttle (ops/proxies.py).
AXES_CLIENT_IP_CALLABLE = "ops.proxies.client_ip"
# Editor sessions end after 8 hours, or when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Languages: English is the source language; every public URL carries its prefix.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# One translation mechanism only: modeltranslation, not Wagtail's page-per-locale trees.
WAGTAIL_I18N_ENABLED = False

STATIC_URL = "/static/"
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))
# Only for a local production-like stack with nothing in front of /media/ (Lighthouse).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Tsinghua Medicine"
# Configurable so the admin is not at a guessable address in production.
WAGTAIL_ADMIN_PATH = env_str("WAGTAIL_ADMIN_PATH", "admin/").strip("/") + "/"
# The site's public address, e.g. https://medicine.example (docs/deployment.md): the default
# Site's hostname (load_site_content), links in admin e-mails, the API's absolute URLs.
SITE_URL = env_str("SITE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", SITE_URL or "http://127.0.0.1:8000")
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL", SITE_URL) or None
# The admin stays within its own origin (and its CSP): no Gravatar requests revealing editors'
# e-mail hashes, no release check calling out to wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("en", "English"),
    ("zh-hans", pgettext_lazy("site", "Simplified Chinese")),
]

# Interface-string catalogues edited in the admin with django-rosetta (see docs/editors.md).
ROSETTA_ACCESS_CONTROL_FUNCTION = "editorial.roles.can_edit_catalogues"
ROSETTA_LANGUAGES = [("zh-hans", "简体中文")]
ROSETTA_MESSAGES_PER_PAGE = 50
ROSETTA_LOGIN_URL = "/" + WAGTAIL_ADMIN_PATH + "login/"
# The page and snippet editors open with English and Chinese fields shown together, so a
# translator sees the English source right above each Chinese field; their choice is kept.
WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT = ("en", "zh-hans")
WAGTAILMODELTRANSLATION_LOCALE_PICKER_RESTORE = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Raster formats only: SVG can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "txt", "csv", "zip",
]  # fmt: skip
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Documents are checked against their extension (ops/uploads.py) and served through
# Django, so every download gets Content-Disposition: attachment (PDF alone opens inline,
# sandboxed by Wagtail's CSP on the download).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "ops.uploads.SafeDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

# Security headers and Content-Security-Policy (headers.py).
from .headers import *  # noqa: E402, F403

DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.request_log.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "json_console": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail's background tasks run inline here and would log every search-index update.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        # One JSON line per request (ops/request_log.py); REQUEST_LOG_LEVEL=WARNING
        # keeps only errors.
        "tsinghua_med.requests": {
            "handlers": ["json_console"],
            "level": env_str("REQUEST_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
