"""The home page sections this app contributes (pages.home_sections): latest news and
upcoming events, each in a fixed number of queries."""

from . import listing
from .models import EventIndexPage, EventPage, NewsIndexPage, NewsPage


def latest_news(request, count):
    items = NewsPage.objects.live().public().order_by("-date", "-pk")
    return list(listing.with_cards(items)[:count])


def upcoming_events(request, count):
    items = EventPage.objects.live().public().filter(listing.upcoming_q()).order_by("start", "pk")
    return list(listing.with_cards(items)[:count])


def news_index(request):
    return NewsIndexPage.objects.live().public().first()


def events_index(request):
    return EventIndexPage.objects.live().public().first()
