"""The Atom feed of the news index, one per language (the URL's language prefix)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language

FEED_ITEMS = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index):
        super().__init__()
        self.index = index
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        # Django reads ``language`` as a plain attribute: the language of the URL prefix.
        self.language = get_language()
        response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/atom+xml; charset=utf-8"
        return response

    def title(self):
        return self.index.title

    def subtitle(self):
        return self.index.intro or None

    def link(self):
        return self.index.get_url(request=self.request)

    def feed_url(self):
        return self.request.build_absolute_uri(self.request.path)

    def feed_guid(self):
        return self.request.build_absolute_uri(self.request.path)

    def items(self):
        return self.index.items().prefetch_related("categories")[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_guid(self, item):
        return self.request.build_absolute_uri(self.item_link(item))

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(0, 0)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]
