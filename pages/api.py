"""Read-only Wagtail API v2: the pages endpoint, and the registration point for others.

Language: ``?lang=zh-hans`` or the URL prefix (``/zh-hans/api/v2/…``); English otherwise,
never guessed from Accept-Language, so one URL always returns the same document.
Only public content: live, unrestricted pages (Wagtail's own rule); a content app that adds
an endpoint (``register_endpoint`` from its ``AppConfig.ready()``, with ``LanguageMixin``)
returns only what it publishes. Anonymous clients are throttled per IP.
"""

from django.conf import settings
from django.utils import translation
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


class LanguageMixin:
    throttle_classes = [PublicAPIThrottle]

    def initial(self, request, *args, **kwargs):
        language = request.GET.get("lang") or translation.get_language_from_path(request.path_info)
        language = language or i18n.SOURCE_LANGUAGE
        if language not in i18n.LANGUAGE_CODES:
            raise BadRequestError(f"lang must be one of: {', '.join(i18n.LANGUAGE_CODES)}")
        translation.activate(language)
        request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)

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
