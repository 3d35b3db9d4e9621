import copy

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site

from caching import memo
from caching.view_restrictions import ViewRestrictionsShortcutMixin
from search.fields import page_search_fields

from . import brand
from .blocks import BodyBlock
from .home_blocks import HomeBodyBlock
from .images import PageImageMixin

INLINE_RICH_TEXT = ["bold", "italic", "link"]
IMAGE = "wagtailimages.Image"


class MenuTitleMixin(models.Model):
    """A short label for the main menu and breadcrumbs (translated in each app's
    translation.py); empty means the page title. Used by pages.navigation."""

    menu_title = models.CharField(
        _("menu title"),
        max_length=40,
        blank=True,
        help_text=_("A short label for the main menu and breadcrumbs; empty: the page title."),
    )

    class Meta:
        abstract = True


# Page.promote_panels with the menu title beside "show in menus".
MENU_PROMOTE_PANELS = [
    Page.promote_panels[0],
    MultiFieldPanel(
        [FieldPanel("show_in_menus"), FieldPanel("menu_title")],
        heading=pgettext_lazy("site", "For site menus"),
    ),
]


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
        # Until the home section is purged (publishing any page purges it: its cards show
        # other pages' titles; caching.invalidation).
        context["featured_links"] = memo.for_request(
            request,
            ("home-featured", self.pk),
            lambda: list(self.featured_links.select_related("link_page")),
        )
        # Sections may list upcoming events: the remembered content is renewed as time passes.
        context["clock_window"] = memo.clock_window()
        return context


class HomeFeaturedLink(Orderable):
    page = ParentalKey(HomePage, related_name="featured_links", on_delete=models.CASCADE)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("site", "page"),
    )
    title = models.CharField(pgettext_lazy("site", "title"), max_length=120)
    text = models.CharField(_("text"), max_length=300, blank=True)

    panels = [FieldPanel("link_page"), FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured section link")
        verbose_name_plural = _("featured section links")


class StandardPage(MenuTitleMixin, ViewRestrictionsShortcutMixin, PageImageMixin, Page):  # noqa: DJ008
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        PageImageMixin.image_panel(),
        FieldPanel("body"),
    ]
    promote_panels = MENU_PROMOTE_PANELS
    search_fields = page_search_fields("intro", "body")
    api_fields = [APIField("intro"), APIField("image"), APIField("image_alt"), APIField("body")]

    class Meta:
        verbose_name = _("standard page")


def _image_field(verbose_name, help_text):
    return models.ForeignKey(
        IMAGE,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )


def _page_field(verbose_name):
    return models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    institution_name = models.CharField(_("institution name"), max_length=120)
    institution_full_name = models.CharField(_("full name"), max_length=200, blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Brand: each falls back to the project's own static asset (see ops/brand_assets.py).
    logo = _image_field(_("logo"), _("Replaces the default wordmark in the header."))
    favicon = _image_field(
        _("favicon"), _("A square image; replaces the default favicon and touch icon.")
    )
    share_image = _image_field(
        _("default share image"),
        _("Shown when a page is shared on social sites; 1200 × 630 pixels is best."),
    )
    # Statements linked from the footer.
    privacy_page = _page_field(_("privacy statement"))
    accessibility_page = _page_field(_("accessibility statement"))
    # Chinese registration numbers, shown in the footer when filled.
    icp_number = models.CharField(
        _("ICP registration (ICP备案) number"),
        max_length=80,
        blank=True,
        help_text=_("As issued, e.g. 京ICP备…号; links to beian.miit.gov.cn."),
    )
    police_number = models.CharField(
        _("public security registration (公安备案) number"),
        max_length=80,
        blank=True,
        help_text=_("As issued, e.g. 京公网安备…号; links to the record at beian.gov.cn."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("institution_name"), FieldPanel("institution_full_name")],
            heading=_("Institution"),
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("favicon"), FieldPanel("share_image")],
            heading=_("Brand"),
        ),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("contact_email"), FieldPanel("phone")],
            heading=_("Contact"),
        ),
        InlinePanel("social_links", label=_("Social links")),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("icp_number"),
                FieldPanel("police_number"),
            ],
            heading=_("Statements and registration"),
        ),
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

        def load():
            found = cls.for_site(site)
            brand.load_related(found)
            return found

        # In this process's memory, per site generation; a copy per request (it carries
        # the request).
        instance = copy.copy(memo.cached(("site-settings", site.pk), load))
        instance._request = request
        setattr(request, attr_name, instance)
        return instance


class SocialLink(Orderable):
    class Kind(models.TextChoices):
        LINK = "link", pgettext_lazy("site", "Link")
        WECHAT = "wechat", _("WeChat")
        WEIBO = "weibo", _("Weibo")
        LINKEDIN = "linkedin", _("LinkedIn")
        X = "x", _("X (Twitter)")
        YOUTUBE = "youtube", _("YouTube")
        BILIBILI = "bilibili", _("Bilibili")

    settings = ParentalKey(SiteSettings, related_name="social_links", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LINK)
    label = models.CharField(pgettext_lazy("site", "label"), max_length=80)
    url = models.URLField(
        pgettext_lazy("site", "URL"), blank=True, help_text=_("Optional for a WeChat account.")
    )
    qr_code = models.ForeignKey(
        IMAGE,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("QR code"),
        help_text=_("For WeChat: the account's QR code, shown in the footer."),
    )

    panels = [FieldPanel("kind"), FieldPanel("label"), FieldPanel("url"), FieldPanel("qr_code")]

    class Meta(Orderable.Meta):
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")
