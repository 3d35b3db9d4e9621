"""Settings shared by every environment. Environment variables are documented in README.md."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

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
    # Outermost, so its duration covers the whole stack and it sees every final status.
    "ops.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ops.security.SiteCSPMiddleware",
    "ops.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, locale, CSRF, auth and messages: a cached page skips them all. It
    # tells editors and flash messages apart by their cookies, and inspects what those
    # inner layers did to a response before storing it (cookies, CSRF token, messages).
    "caching.middleware.PageCacheMiddleware",
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
# Behind N trusted proxies the client address is in X-Forwarded-For (docs/deployment.md).
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
if AXES_IPWARE_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Tsinghua Medicine"
# Configurable so the admin is not at a guessable address in production.
WAGTAIL_ADMIN_PATH = env_str("WAGTAIL_ADMIN_PATH", "admin/").strip("/") + "/"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The admin stays within its own origin (and its CSP): no Gravatar requests revealing editors'
# e-mail hashes, no release check calling out to wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("zh-hans", _("Simplified Chinese"))]

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

# Security headers on every response (production.py adds HTTPS-only parts: HSTS, redirects,
# secure cookies).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = [
    (feature, [])
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb", "interest-cohort", "browsing-topics",
    )
]  # fmt: skip
# Public pages load only our own /static/ files: no inline script or style at all.
MEDIA_ORIGINS = env_list("MEDIA_ORIGINS")  # object storage / CDN hosts serving images
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin uses inline scripts/styles and frames its own previews.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
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
