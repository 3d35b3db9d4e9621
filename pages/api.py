"""Read-only Wagtail API v2: public pages and partners, in either language.

Language: ``?lang=zh-hans`` or the URL prefix (``/zh-hans/api/v2/…``); English otherwise,
never guessed from Accept-Language, so one URL always returns the same document.
Only public content: live, unrestricted pages (Wagtail's own rule) and live, visible
partners (``partnerships.queries``). Anonymous clients are throttled per IP.
"""

from django.conf import settings
from django.utils import translation
from rest_framework import serializers
from rest_framework.throttling import AnonRateThrottle
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from partnerships.models import Partner
from partnerships.queries import KINDS, public_partners

from . import i18n

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


class BlankSafeChoiceField(serializers.ChoiceField):
    # DRF hands a blank choice back as is; a blank country is then a Country object, not "".
    def to_representation(self, value):
        return "" if value == "" else super().to_representation(value)


class PartnerSerializer(BaseSerializer):
    serializer_choice_field = BlankSafeChoiceField


class PartnersAPIViewSet(LanguageMixin, BaseAPIViewSet):
    base_serializer_class = PartnerSerializer
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["lang", "kind"])
    body_fields = BaseAPIViewSet.body_fields + [
        "name",
        "short_name",
        "slug",
        "kind",
        "country",
        "city",
        "website",
        "description",
        "since_year",
    ]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "name",
        "slug",
        "kind",
    ]
    name = "partners"
    model = Partner

    def get_queryset(self):
        kind = self.request.GET.get("kind")
        if kind is not None and kind not in KINDS:
            raise BadRequestError(f"kind must be one of: {', '.join(KINDS)}")
        return public_partners(kind=kind)


def _router(namespace):
    router = WagtailAPIRouter(namespace)
    router.register_endpoint("pages", PublicPagesAPIViewSet)
    router.register_endpoint("partners", PartnersAPIViewSet)
    return router


# The same endpoints at /api/v2/ (language from ?lang=) and under each language prefix; a
# URL namespace must be unique, hence two routers.
api_router = _router("wagtailapi")
localized_api_router = _router("wagtailapi_localized")
