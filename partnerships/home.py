"""The home page section this app contributes (pages.home_sections): partners, the ones
marked "featured" first, then the others in the editors' order (one query)."""

from caching.view_restrictions import public

from .models import CooperationIndexPage, Partner


def featured_partners(request, count):
    """Each partner with its address on the cooperation page (None while that page is not
    public). The section shows names only: no areas or logos fetched."""
    partners = (
        Partner.objects.public()
        .prefetch_related(None)
        .order_by("-featured", "sort_order", "pk")[:count]
    )
    cooperation = public(CooperationIndexPage.objects.live()).first()
    if cooperation is None:
        return [{"partner": partner, "url": None} for partner in partners]
    return [
        {"partner": partner, "url": cooperation.partner_url(partner, request=request)}
        for partner in partners
    ]


def cooperation(request):
    return public(CooperationIndexPage.objects.live()).first()
