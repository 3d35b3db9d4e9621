"""Partners and areas of collaboration: snippets, with the querysets of what the public sees.

Partners are snippets rather than pages: editors manage one list, reused by the
cooperation page (models.py), its filters, the partner detail route, search, the sitemap
and the API. Every text field is translated (see translation.py).
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from search.fields import translated_search_fields

from .places import format_place

PARTNER_ROUTE_PREFIX = "partners/"


class PartnerKind(models.TextChoices):
    INTERNATIONAL = "international", _("International institution")
    HOSPITAL = "hospital", _("Hospital")
    ENTERPRISE = "enterprise", _("Enterprise & organisation")


KINDS = [kind.value for kind in PartnerKind]


class CollaborationAreaQuerySet(models.QuerySet):
    def live(self):
        """Published areas. An area's unpublished draft (a new name or slug) lives in its
        revisions: the row keeps the published values until a moderator publishes."""
        return self.filter(live=True)

    def public(self):
        """Published areas that at least one public partner is tagged with (the filters)."""
        return (
            self.filter(live=True, partners__live=True, partners__visible=True)
            .distinct()
            .order_by("sort_order", "pk")
        )


class CollaborationArea(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    """A managed list (MD education, joint research, …) that partners are tagged with.

    Under review like partners and pages: a change (e.g. a new slug, which the ``?area=``
    filter links use) is a draft until a moderator approves it in the Moderators approval
    workflow; until then the row, which every public query reads, keeps the published values.
    """

    name = models.CharField(pgettext_lazy("site", "name"), max_length=80)
    slug = models.SlugField(
        pgettext_lazy("site", "slug"),
        max_length=80,
        unique=True,
        help_text=_("Used in the filter links' addresses."),
    )
    sort_order = models.IntegerField(_("sort order"), default=0, editable=False)

    objects = CollaborationAreaQuerySet.as_manager()

    sort_order_field = "sort_order"
    panels = [FieldPanel("name"), FieldPanel("slug")]
    # Both language columns are indexed: the plain "name" would index only the language
    # active when the index is built.
    search_fields = [
        index.SearchField("name_en"),
        index.SearchField("name_zh_hans"),
        index.AutocompleteField("name_en"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("area of collaboration")
        verbose_name_plural = _("areas of collaboration")

    def __str__(self):
        return self.name


class PartnerQuerySet(models.QuerySet):
    def public(self, kind=None, area=None):
        """Live, visible partners in editor order, areas prefetched and logo (with its
        renditions) fetched up front, so listing N partners costs a fixed number of queries.

        ``kind``: a PartnerKind value; ``area``: a CollaborationArea or its slug.
        """
        partners = (
            self.filter(live=True, visible=True)
            .select_related("logo")
            .prefetch_related(
                Prefetch(
                    "areas",
                    queryset=CollaborationArea.objects.live().order_by("sort_order", "pk"),
                ),
                "logo__renditions",
            )
        )
        if kind is not None:
            partners = partners.filter(kind=kind)
        if area is not None:
            slug = area.slug if isinstance(area, CollaborationArea) else area
            partners = partners.filter(areas__slug=slug, areas__live=True)
        return partners.order_by("sort_order", "pk")


class Partner(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """An institution, hospital or enterprise the School of Medicine collaborates with.

    Shown publicly only when published (``live``) and not hidden (``visible``): editors can
    keep a partner as a draft while preparing it, or hide a published one without deleting
    its history. Changes go through the Moderators approval workflow (editorial.roles).
    """

    name = models.CharField(pgettext_lazy("site", "name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("Abbreviation, e.g. “JHU”.")
    )
    slug = models.SlugField(
        pgettext_lazy("site", "slug"),
        max_length=80,
        unique=True,
        help_text=_("The partner's page address."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    country = CountryField(_("country"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    logo_alt = models.CharField(
        _("logo text alternative"),
        max_length=200,
        blank=True,
        help_text=_("Read out instead of the logo; leave empty to use the partner's name."),
    )
    description = models.TextField(_("short description"), blank=True)
    areas = ParentalManyToManyField(
        CollaborationArea, blank=True, related_name="partners", verbose_name=_("areas")
    )
    since_year = models.PositiveSmallIntegerField(
        _("collaborating since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    featured = models.BooleanField(_("featured"), default=False)
    visible = models.BooleanField(
        _("shown on the site"),
        default=True,
        help_text=_("Untick to hide a published partner without unpublishing its history."),
    )
    sort_order = models.IntegerField(_("sort order"), default=0, editable=False)

    objects = PartnerQuerySet.as_manager()

    sort_order_field = "sort_order"
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug")],
            heading=pgettext_lazy("site", "Name"),
        ),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("country"), FieldPanel("city")],
            heading=_("Kind and place"),
        ),
        FieldPanel("website"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading=_("Logo")),
        FieldPanel("description"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("since_year"), FieldPanel("featured"), FieldPanel("visible")],
            heading=_("Display"),
        ),
    ]
    # Both languages of each text, Chinese segmented for search: see search/fields.py.
    search_fields = translated_search_fields("name", "description", "city") + [
        index.SearchField("short_name"),
        index.AutocompleteField("name_en"),
        index.FilterField("kind"),
        index.FilterField("live"),
        index.FilterField("visible"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name

    @property
    def place(self):
        """City and country in the active language's order (see places.py)."""
        return format_place(self.city, self.country.name if self.country else "")

    @property
    def is_public(self):
        """What visitors see now: published and not hidden (as ``public()`` filters)."""
        return self.live and self.visible

    @property
    def display_logo_alt(self):
        return self.logo_alt or self.name

    def get_preview_template(self, request, mode_name):
        return "partnerships/partner_preview.html"
