"""Index listings: year and category filters, pagination, related items.

Filters come from the query string and are matched against the values that exist (years
with items, known category slugs): anything else (garbage, NUL bytes, an unknown slug) is
ignored and the list is shown unfiltered. A page number that is not a positive integer in
range is a 404, so crawlers do not index endless empty pages.

Each listing is remembered per language and generation (caching.memo) under the validated
filters, so only real combinations are kept; the news and events sections are purged by
their items' publishing and by category changes. What depends on the clock (upcoming or
past events) is also keyed by a ten-minute window, so a passed event leaves the upcoming
list within ten minutes without a purge.
"""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from caching import memo

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


def _page_number(request):
    value = request.GET.get("page", "1")
    if not value.isascii() or not value.isdigit():
        raise Http404("Bad page number")
    return int(value)


def _paginate(items, per_page, number):
    try:
        return Paginator(items, per_page).page(number)
    except EmptyPage as error:
        raise Http404("No such page") from error


def _filters_context(request, page, items, years, categories, extra=None, window=None):
    """``items``: a callable returning the queryset, so a remembered listing costs no query
    (a public() queryset reads the view restrictions as it is built)."""
    year = _year(request, years)
    category = _category(request, categories)
    number = _page_number(request)
    kept = tuple(sorted((extra or {}).items()))
    key = ("listing", page.pk, year, category and category.slug, number, window, kept)
    return memo.for_request(
        request, key, lambda: _filtered(page, items, year, category, number, extra)
    ) | {
        "years": years,
        "categories": categories,
        # What the listing's HTML depends on, validated: its {% fragment %} key.
        "listing_key": repr(key),
    }


def _filtered(page, items, year, category, number, extra):
    items = items()
    if year is not None:
        items = items.filter(**{f"{page.year_lookup}__year": year})
    if category is not None:
        items = items.filter(categories=category)
    kept = {**(extra or {})}
    if year is not None:
        kept["year"] = year
    if category is not None:
        kept["category"] = category.slug
    page_obj = _paginate(with_cards(items), page.per_page, number)

    def link(number):
        query = {**kept, "page": number} if number > 1 else kept
        return "?" + urlencode(query) if query else "?"

    return {
        "items": list(page_obj.object_list),
        "page_obj": page_obj,
        "previous_url": link(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": link(page_obj.next_page_number()) if page_obj.has_next() else "",
        "selected_year": year,
        "selected_category": category,
        "filtered": year is not None or category is not None,
    }


def all_categories(request, model):
    return memo.for_request(request, ("news-categories",), lambda: list(model.objects.all()))


def listing_context(page, request, categories):
    years = memo.for_request(
        request,
        ("news-years", page.pk),
        lambda: [d.year for d in page.items().dates("date", "year", order="DESC")],
    )
    return _filters_context(request, page, page.items, years, categories)


def upcoming_q(now=None):
    now = now or timezone.now()
    return Q(end__gte=now) | Q(end__isnull=True, start__gte=now)


def event_listing_context(page, request, categories):
    past = _param(request, "show") == "past"
    now = timezone.now()
    window = memo.clock_window(now)

    def items():
        if past:
            return page.items().exclude(upcoming_q(now)).order_by("-start", "-pk")
        return page.items().filter(upcoming_q(now)).order_by("start", "pk")

    years = memo.for_request(
        request,
        ("event-years", page.pk, past, window),
        lambda: sorted({d.year for d in items().datetimes("start", "year")}, reverse=True),
    )
    context = _filters_context(
        request,
        page,
        items,
        years,
        categories,
        extra={"show": "past"} if past else None,
        window=window,
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
