"""The home page section this app contributes (pages.home_sections): featured partners."""

from .models import CooperationIndexPage, Partner


def featured_partners(request, count):
    """Partners marked "featured"; when none is, the first ones in the editors' order.
    Each with its address on the cooperation page (None while that page is not public)."""
    partners = list(Partner.objects.public().filter(featured=True)[:count])
    partners = partners or list(Partner.objects.public()[:count])
    url_of = CooperationIndexPage.partner_url_finder(request)
    return [{"partner": partner, "url": url_of(partner)} for partner in partners]


def cooperation(request):
    return CooperationIndexPage.objects.live().public().first()
