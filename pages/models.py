from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site

from caching import generations
from caching.view_restrictions import ViewRestrictionsShortcutMixin
from search.fields import page_search_fields

from .blocks import BodyBlock
from .home_blocks import HomeBodyBlock
from .images import PageImageMixin

INLINE_RICH_TEXT = ["bold", "italic", "link"]


class HomePage(ViewRestrictionsShortcutMixin, PageImageMixin, Page):
    """``body`` (sections) is the home page; when it is empty the page falls back to the
    hero fields, the introduction and the featured cards below (the page before sections
    existed). ``image`` is the hero image of that fallback and the page's share image."""

    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=INLINE_RICH_TEXT)
    body = StreamField(
        HomeBodyBlock(),
        blank=True,
        verbose_name=_("sections"),
        help_text=_("Optional sections, in order. When empty the hero and cards below show."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("image"),
                FieldPanel("image_alt"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        InlinePanel("featured_links", label=_("Featured sections"), max_num=6),
    ]
    # Both languages indexed, Chinese segmented: see search/fields.py.
    search_fields = page_search_fields("hero_heading", "hero_text", "intro")
    # Read API (pages/api.py): values in the requested language.
    api_fields = [
        APIField("hero_heading"),
        APIField("hero_text"),
        APIField("intro"),
        APIField("body"),
        APIField("image"),
        APIField("image_alt"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_links"] = self.featured_links.select_related("link_page")
        return context


class HomeFeaturedLink(Orderable):
    page = ParentalKey(HomePage, related_name="featured_links", on_delete=models.CASCADE)
    link_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.CharField(_("text"), max_length=300, blank=True)

    panels = [FieldPanel("link_page"), FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured section link")
        verbose_name_plural = _("featured section links")


class StandardPage(ViewRestrictionsShortcutMixin, PageImageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        PageImageMixin.image_panel(),
        FieldPanel("body"),
    ]
    search_fields = page_search_fields("intro", "body")
    api_fields = [APIField("intro"), APIField("image"), APIField("image_alt"), APIField("body")]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    institution_name = models.CharField(_("institution name"), max_length=120)
    institution_full_name = models.CharField(_("full name"), max_length=200, blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("institution_name"), FieldPanel("institution_full_name")],
            heading=_("Institution"),
        ),
        FieldPanel("footer_text"),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("contact_email")], heading=_("Contact")),
        InlinePanel("social_links", label=_("Social links")),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_request(cls, request):
        """The settings with their footer links, read from the cache until the site
        generation changes (saving settings or links bumps it: see pages/apps.py).
        Every public page shows them; the admin edits them through ``for_site``."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        key = f"site-settings:{site.pk}:{generations.site_generation()}"
        instance = cache.get(key)
        if instance is None:
            instance = cls.for_site(site)
            instance.footer_links = list(instance.social_links.all())
            cache.set(key, instance, timeout=24 * 3600)
        instance._request = request
        setattr(request, attr_name, instance)
        return instance


class SocialLink(Orderable):
    settings = ParentalKey(SiteSettings, related_name="social_links", on_delete=models.CASCADE)
    label = models.CharField(_("label"), max_length=80)
    url = models.URLField(_("URL"))

    panels = [FieldPanel("label"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")
