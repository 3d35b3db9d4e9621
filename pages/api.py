"""Read-only Wagtail API v2: the pages endpoint, and the registration point for others.

Language: ``?lang=zh-hans`` or the URL prefix (``/zh-hans/api/v2/…``); English otherwise,
never guessed from Accept-Language, so one URL always returns the same document.
Only public content: live, unrestricted pages (Wagtail's own rule); a content app that adds
an endpoint (``register_endpoint`` from its ``AppConfig.ready()``, with ``LanguageMixin``)
returns only what it publishes. Anonymous clients are throttled per IP.
"""

from django.conf import settings
from django.utils import translation
from django.utils.functional import classproperty
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.throttling import AnonRateThrottle
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from translations import i18n

DEFAULT_THROTTLE_RATE = "120/minute"


class PublicAPIThrottle(AnonRateThrottle):
    """Per-IP request budget, counted in the shared cache (Redis in production)."""

    scope = "public_api"

    def get_rate(self):
        return getattr(settings, "API_THROTTLE_RATE", DEFAULT_THROTTLE_RATE)


SEARCH_OPERATORS = ("and", "or")
# Wagtail's locale filters select among page trees per language; this site keeps both
# languages in one tree (modeltranslation), so they would only ever match one Locale row.
UNSUPPORTED_PARAMETERS = ("locale", "translation_of")


def check_query_string(query):
    """Refuse, with a 400 and a message, what Wagtail's filters and search would turn into a
    500: NUL characters (PostgreSQL cannot store them, SQLite's search chokes on them), an
    unknown search operator, and the locale parameters this site does not use."""
    for key, values in query.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            name = key.replace("\x00", "\\0")
            raise BadRequestError(f"query parameter {name!r} contains a NUL character")
    operator = query.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError(f"search_operator must be one of: {', '.join(SEARCH_OPERATORS)}")
    for name in UNSUPPORTED_PARAMETERS:
        if name in query:
            raise BadRequestError(
                f"{name} is not supported: both languages share one page tree; "
                f"use lang={'|'.join(i18n.LANGUAGE_CODES)} to choose the language"
            )


class LanguageMixin:
    throttle_classes = [PublicAPIThrottle]

    @classproperty
    def renderer_classes(cls):
        # Wagtail always adds the browsable API; in production it is JSON only.
        if getattr(settings, "API_BROWSABLE", False):
            return [JSONRenderer, BrowsableAPIRenderer]
        return [JSONRenderer]

    def initial(self, request, *args, **kwargs):
        # Throttled first: a client sending bad requests spends its budget too.
        super().initial(request, *args, **kwargs)
        check_query_string(request.GET)
        language = request.GET.get("lang") or translation.get_language_from_path(request.path_info)
        language = language or i18n.SOURCE_LANGUAGE
        if language not in i18n.LANGUAGE_CODES:
            raise BadRequestError(f"lang must be one of: {', '.join(i18n.LANGUAGE_CODES)}")
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Not kept by the page cache (it is not purged for the API): a short private
        # lifetime lets clients reuse answers without serving stale content after publish.
        response["Cache-Control"] = "private, max-age=60"
        response["Content-Language"] = translation.get_language()
        return response


class PublicPagesAPIViewSet(LanguageMixin, PagesAPIViewSet):
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["lang"])


_endpoints = {"pages": PublicPagesAPIViewSet}


def register_endpoint(name, viewset):
    _endpoints[name] = viewset


def build_router(namespace):
    router = WagtailAPIRouter(namespace)
    for name, viewset in _endpoints.items():
        router.register_endpoint(name, viewset)
    return router
