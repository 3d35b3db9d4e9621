"""The partners endpoint of the read API: /api/v2/partners/ (live, visible partners only)."""

from rest_framework import serializers
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from pages.api import LanguageMixin

from .partners import KINDS, Partner


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
        return Partner.objects.public(kind=kind)
