"""News and events: an index page for each, their item pages, and shared categories.

Every text field is translated (translation.py). Index pages list their children with
year / category filters and pagination (listing.py) and serve an Atom feed (news) or an
iCalendar file (events) through RoutablePageMixin routes, so no project URL changes.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from caching import memo
from caching.view_restrictions import ViewRestrictionsShortcutMixin
from pages.blocks import BodyBlock
from pages.images import PageImageMixin
from search.fields import page_search_fields, translated_search_fields

from . import calendar, feeds, listing, structured


@register_snippet
class Category(index.Indexed, models.Model):
    name = models.CharField(pgettext_lazy("site", "name"), max_length=80)
    slug = models.SlugField(
        pgettext_lazy("site", "slug"), max_length=80, unique=True, allow_unicode=False
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = translated_search_fields("name")

    class Meta:
        verbose_name = _("news and events category")
        verbose_name_plural = _("news and events categories")
        ordering = ["sort_order", "slug"]

    def __str__(self):
        return self.name


class ItemPage(ViewRestrictionsShortcutMixin, PageImageMixin, Page):
    """What news items and events share: summary, image, body, categories."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences, shown in lists.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    categories = ParentalManyToManyField(
        Category, blank=True, related_name="+", verbose_name=_("categories")
    )

    item_panels = [
        FieldPanel("summary"),
        PageImageMixin.image_panel(),
        FieldPanel("body"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = page_search_fields("summary", "body") + [
        index.RelatedFields("categories", translated_search_fields("name")),
    ]
    subpage_types = []

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Remembered until the section is purged: publishing this item or a sibling, or a
        # category change (news/apps.py).
        return context | memo.for_request(request, ("news-item", self.pk), self._own_context)

    def _own_context(self):
        categories = list(self.categories.all())
        return {
            "categories": categories,
            "related": listing.related(self, categories),
            "index": self.get_parent().specific,
        }

    def structured_data(self, request):
        """Extra JSON-LD graph nodes (pages.seo calls this when a page defines it)."""
        # Absolute URLs: remembered per host and scheme, until the section is purged.
        key = ("news-json-ld", self.pk, request.get_host(), request.scheme)
        return memo.for_request(request, key, lambda: [structured.node(self, request)])


class IndexPage(ViewRestrictionsShortcutMixin, RoutablePageMixin, Page):
    """What the news and events index pages share: an intro, one per site, under home."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = page_search_fields("intro")
    api_fields = [APIField("intro")]
    parent_page_types = ["pages.HomePage"]
    max_count = 1
    per_page = 10

    class Meta:
        abstract = True


class NewsIndexPage(IndexPage):
    subpage_types = ["news.NewsPage"]
    year_lookup = "date"

    class Meta:
        verbose_name = _("news index page")

    def items(self):
        return NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")

    @path("")
    def index_route(self, request):
        categories = listing.all_categories(request, Category)
        context = listing.listing_context(self, request, categories)
        return self.render(request, context_overrides=context)

    @path("feed/")
    def feed(self, request):
        return feeds.NewsFeed(self)(request)


class NewsPage(ItemPage):
    date = models.DateField(_("date"), default=timezone.localdate)

    content_panels = Page.content_panels + [FieldPanel("date")] + ItemPage.item_panels
    search_fields = ItemPage.search_fields + [index.FilterField("date")]
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("image"),
        APIField("image_alt"),
        APIField("body"),
        APIField("categories"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    related_order = ("-date", "-pk")

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-date"]


class EventIndexPage(IndexPage):
    subpage_types = ["news.EventPage"]
    year_lookup = "start"

    class Meta:
        verbose_name = _("events index page")

    def items(self):
        return EventPage.objects.child_of(self).live().public()

    @path("")
    def index_route(self, request):
        categories = listing.all_categories(request, Category)
        context = listing.event_listing_context(self, request, categories)
        return self.render(request, context_overrides=context)

    @path("ical/")
    def ical(self, request):
        return calendar.calendar_response(self, request, self.items().order_by("start", "pk"))


class EventPage(RoutablePageMixin, ItemPage):
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [FieldPanel("start"), FieldPanel("end"), FieldPanel("location")],
                heading=_("When and where"),
            )
        ]
        + ItemPage.item_panels
    )
    search_fields = page_search_fields("location") + ItemPage.search_fields
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("location"),
        APIField("summary"),
        APIField("image"),
        APIField("image_alt"),
        APIField("body"),
        APIField("categories"),
    ]
    parent_page_types = ["news.EventIndexPage"]
    related_order = ("-start", "-pk")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})

    @property
    def is_past(self):
        return (self.end or self.start) < timezone.now()

    @path("")
    def item_route(self, request):
        return self.render(request)

    @path("ical/")
    def ical(self, request):
        return calendar.calendar_response(self, request, [self])
