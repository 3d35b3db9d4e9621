"""The "Cooperation & Transformation" page: an intro, then one section per kind of partner.

Partners and areas themselves are snippets (partners.py); this page lists them, filters
them and gives each partner its address (a route of this page, ``partners/<slug>/``).
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from caching.view_restrictions import ViewRestrictionsShortcutMixin
from pages.models import MENU_PROMOTE_PANELS, MenuTitleMixin
from search.fields import page_search_fields, translated_search_fields
from translations import i18n

from . import views
from .partners import PARTNER_ROUTE_PREFIX, CollaborationArea, Partner, PartnerKind

__all__ = ["CollaborationArea", "CooperationIndexPage", "CooperationSection", "Partner"]

INLINE_RICH_TEXT = ["bold", "italic", "link"]


class CooperationIndexPage(MenuTitleMixin, ViewRestrictionsShortcutMixin, RoutablePageMixin, Page):
    """ "Cooperation & Transformation > Overview": an intro, then one section per kind of
    partner, each listing the live partners of that kind."""

    intro = RichTextField(_("overview"), blank=True, features=INLINE_RICH_TEXT)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("sections", label=_("Section"), min_num=1, max_num=len(PartnerKind)),
    ]
    promote_panels = MENU_PROMOTE_PANELS
    search_fields = page_search_fields("intro") + [
        index.RelatedFields("sections", translated_search_fields("heading", "intro")),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("cooperation index page")

    @classmethod
    def find_public(cls):
        """The live, public cooperation page (partners are routes of it); None if none."""
        return cls.objects.live().public().first()

    @classmethod
    def partner_url_finder(cls, request):
        """``partner -> its public address`` (None while no cooperation page is public)."""
        page = cls.find_public()
        if page is None:
            return lambda partner: None
        return lambda partner: page.partner_url(partner, request=request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.index_context(self, request))
        return context

    @path(PARTNER_ROUTE_PREFIX + "<slug:slug>/", name="partner")
    def partner_detail(self, request, slug):
        return views.partner_detail(self, request, slug)

    def sitemap_routes(self, request):
        """Each public partner's address in every language (pages.sitemap lists them)."""
        for partner in Partner.objects.public():
            urls = {}
            for code in i18n.LANGUAGE_CODES:
                with translation.override(code):
                    urls[code] = self.partner_url(partner, request=request)
            yield urls, partner.last_published_at

    def partner_url(self, partner, request=None):
        return self.get_url(request=request) + self.reverse_subpage(
            "partner", kwargs={"slug": partner.slug}
        )


class CooperationSection(Orderable):
    """The text of one kind's section (International / Hospital / Enterprise)."""

    page = ParentalKey(CooperationIndexPage, related_name="sections", on_delete=models.CASCADE)
    kind = models.CharField(_("kind of partner"), max_length=20, choices=PartnerKind.choices)
    heading = models.CharField(_("heading"), max_length=120)
    intro = RichTextField(_("introduction"), blank=True, features=INLINE_RICH_TEXT)

    panels = [FieldPanel("kind"), FieldPanel("heading"), FieldPanel("intro")]

    class Meta(Orderable.Meta):
        verbose_name = _("cooperation section")
        verbose_name_plural = _("cooperation sections")
