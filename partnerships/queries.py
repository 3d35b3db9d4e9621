"""The public face of the partnerships app: what other apps (and our own views) may ask.

Everything here returns only what visitors may see: published (``live``) and not hidden.
"""

from django.db.models import Prefetch

from .models import CollaborationArea, CooperationIndexPage, Partner, PartnerKind


def public_partners(kind=None, area=None):
    """Live, visible partners in editor order, areas prefetched and logo (with its
    renditions) fetched up front, so listing N partners costs a fixed number of queries.

    ``kind``: a PartnerKind value; ``area``: a CollaborationArea or its slug.
    """
    partners = (
        Partner.objects.filter(live=True, visible=True)
        .select_related("logo")
        .prefetch_related(
            Prefetch("areas", queryset=CollaborationArea.objects.order_by("sort_order", "pk")),
            "logo__renditions",
        )
    )
    if kind is not None:
        partners = partners.filter(kind=kind)
    if area is not None:
        slug = area.slug if isinstance(area, CollaborationArea) else area
        partners = partners.filter(areas__slug=slug)
    return partners.order_by("sort_order", "pk")


def public_areas():
    """Areas that at least one public partner is tagged with (the filter choices)."""
    return (
        CollaborationArea.objects.filter(partners__live=True, partners__visible=True)
        .distinct()
        .order_by("sort_order", "pk")
    )


def public_partner(slug):
    return public_partners().filter(slug=slug).first()


def partner_page():
    """The live, public cooperation page whose ``partner_url(partner)`` addresses a partner
    (partners are a route of that page, not pages of their own); None when there is none."""
    return CooperationIndexPage.objects.live().public().first()


KINDS = [kind.value for kind in PartnerKind]
