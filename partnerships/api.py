"""The partners endpoint of the read API: /api/v2/partners/ (live, visible partners only).

``search`` matches the partner's name, short name, city and description in either language
(a plain database lookup: Wagtail's search index does not segment Chinese); ``order`` sorts
by one of ``ORDERINGS`` (``-`` for descending), otherwise editor order."""

from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from rest_framework import serializers
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from pages.api import LanguageMixin

from .partners import KINDS, Partner

SEARCHED_FIELDS = [
    "name_en",
    "name_zh_hans",
    "short_name",
    "city_en",
    "city_zh_hans",
    "description_en",
    "description_zh_hans",
]
ORDERINGS = ("name", "since_year", "country", "id")
MAX_SEARCH_LENGTH = 200


def search(partners, text, operator="and"):
    """Partners with every word (``operator=or``: any word) in one of the searched fields."""
    if len(text) > MAX_SEARCH_LENGTH:
        raise BadRequestError(f"search must be at most {MAX_SEARCH_LENGTH} characters")
    words = text.split()
    if not words:
        return partners
    conditions = []
    for word in words:
        matches = Q()
        for field in SEARCHED_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        conditions.append(matches)
    combined = conditions[0]
    for condition in conditions[1:]:
        combined = (combined | condition) if operator == "or" else (combined & condition)
    return partners.filter(combined)


def order(partners, ordering):
    field = ordering.removeprefix("-")
    if field not in ORDERINGS:
        choices = ", ".join(f"{name}, -{name}" for name in ORDERINGS)
        raise BadRequestError(f"order must be one of: {choices}")
    descending = ordering.startswith("-")
    if field == "name":
        # The name shown in the active language (an empty Chinese name falls back).
        column = f"name_{translation.get_language().replace('-', '_')}"
        key = Coalesce(NullIf(F(column), Value("")), F("name_en"))
    else:
        key = F(field)
    key = key.desc(nulls_last=True) if descending else key.asc(nulls_last=True)
    return partners.order_by(key, "sort_order", "pk")


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

    def filter_queryset(self, queryset):
        query = self.request.GET
        if "search" in query:
            queryset = search(queryset, query["search"], query.get("search_operator", "and"))
        if "order" in query:
            queryset = order(queryset, query["order"])
        return queryset
