"""The home page sections this app contributes (pages.home_sections): latest news and
upcoming events, one query each (images joined; renditions from the renditions cache)."""

from caching.view_restrictions import public

from . import listing
from .models import EventIndexPage, EventPage, NewsIndexPage, NewsPage


def _cards(items, count):
    return list(items.select_related("image")[:count])


def latest_news(request, count):
    return _cards(public(NewsPage.objects.live()).order_by("-date", "-pk"), count)


def upcoming_events(request, count):
    items = public(EventPage.objects.live()).filter(listing.upcoming_q())
    return _cards(items.order_by("start", "pk"), count)


def news_index(request):
    return public(NewsIndexPage.objects.live()).first()


def events_index(request):
    return public(EventIndexPage.objects.live()).first()
