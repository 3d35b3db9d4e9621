"""Index listings: year and category filters, pagination, related items.

Filters come from the query string and are matched against the values that exist (years
with items, known category slugs): anything else (garbage, NUL bytes, an unknown slug) is
ignored and the list is shown unfiltered. A page number that is not a positive integer in
range is a 404, so crawlers do not index endless empty pages.
"""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

RELATED_COUNT = 3


def with_cards(items):
    """Everything a list card shows, in a fixed number of queries. Renditions come from
    the "renditions" cache (settings), so they are not prefetched: no query once made."""
    return items.select_related("image").prefetch_related("categories")


def _param(request, name):
    value = request.GET.get(name, "")
    return value if value.isascii() and value.isprintable() else ""


def _year(request, years):
    value = _param(request, "year")
    return int(value) if value.isdigit() and int(value) in years else None


def _category(request, categories):
    value = _param(request, "category")
    return next((c for c in categories if c.slug == value), None)


def _paginate(request, items, per_page):
    value = request.GET.get("page", "1")
    if not value.isascii() or not value.isdigit():
        raise Http404("Bad page number")
    try:
        return Paginator(items, per_page).page(int(value))
    except EmptyPage as error:
        raise Http404("No such page") from error


def _filters_context(request, page, items, years, categories, extra=None):
    year = _year(request, years)
    category = _category(request, categories)
    if year is not None:
        items = items.filter(**{f"{page.year_lookup}__year": year})
    if category is not None:
        items = items.filter(categories=category)
    kept = {**(extra or {})}
    if year is not None:
        kept["year"] = year
    if category is not None:
        kept["category"] = category.slug
    page_obj = _paginate(request, with_cards(items), page.per_page)

    def link(number):
        query = {**kept, "page": number} if number > 1 else kept
        return "?" + urlencode(query) if query else "?"

    return {
        "items": list(page_obj.object_list),
        "page_obj": page_obj,
        "previous_url": link(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": link(page_obj.next_page_number()) if page_obj.has_next() else "",
        "years": years,
        "categories": categories,
        "selected_year": year,
        "selected_category": category,
        "filtered": year is not None or category is not None,
    }


def listing_context(page, request, items, categories):
    years = [d.year for d in items.dates("date", "year", order="DESC")]
    return _filters_context(request, page, items, years, categories)


def upcoming_q(now=None):
    now = now or timezone.now()
    return Q(end__gte=now) | Q(end__isnull=True, start__gte=now)


def event_listing_context(page, request, items, categories):
    past = _param(request, "show") == "past"
    now = timezone.now()
    if past:
        items = items.exclude(upcoming_q(now)).order_by("-start", "-pk")
    else:
        items = items.filter(upcoming_q(now)).order_by("start", "pk")
    years = sorted({d.year for d in items.datetimes("start", "year")}, reverse=True)
    context = _filters_context(
        request, page, items, years, categories, extra={"show": "past"} if past else None
    )
    context["past"] = past
    return context


def related(item, categories):
    """Up to three other items of the same kind sharing a category, newest first."""
    siblings = (
        type(item)
        .objects.sibling_of(item, inclusive=False)
        .live()
        .public()
        .order_by(*item.related_order)
    )
    if categories:
        siblings = siblings.filter(categories__in=categories).distinct()
    return list(with_cards(siblings)[:RELATED_COUNT])
