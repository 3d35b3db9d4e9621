"""The news and events app, and what it registers with the generic apps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from editorial.groups import EDITORS, MODERATORS, TRANSLATORS


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News and events")
    # Categories are snippets; news and event pages get their permissions from the tree.
    editorial_grants = {
        EDITORS: ["news.add_category", "news.change_category"],
        TRANSLATORS: ["news.change_category"],
        MODERATORS: ["news.add_category", "news.change_category", "news.delete_category"],
    }

    def ready(self):
        from caching import invalidation
        from pages import home_sections
        from seeding import registry

        from . import content_loader, home
        from .models import Category, EventIndexPage, NewsIndexPage

        # Category names show on the news and events sections (and their home sections:
        # purge_pages also purges the home page).
        invalidation.purge_pages_on_change(
            Category,
            pages=lambda: [
                *NewsIndexPage.objects.live(),
                *EventIndexPage.objects.live(),
            ],
        )
        home_sections.register(
            "latest_news",
            _("Latest news"),
            "news/home/latest_news.html",
            home.latest_news,
            more=home.news_index,
        )
        home_sections.register(
            "upcoming_events",
            _("Upcoming events"),
            "news/home/upcoming_events.html",
            home.upcoming_events,
            more=home.events_index,
        )
        registry.register(content_loader.load, order=40)
