"""What the cooperation page shows: its sections, the partners in each, and the filters.

Filters are plain GET parameters (``?kind=…&area=…``) so they work without JavaScript and
can be bookmarked; an unknown value is ignored (the unfiltered list is shown), never a 500.
"""

from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from caching import memo

from .partners import KINDS, PARTNER_ROUTE_PREFIX, CollaborationArea, Partner, PartnerKind


def index_context(page, request):
    # Partners, areas and sections are remembered until the cooperation section is purged
    # (a partner or area change purges it: see apps.py; caching.memo).
    areas = memo.for_request(
        request, "cooperation-areas", lambda: list(CollaborationArea.objects.public())
    )
    areas_by_slug = {area.slug: area for area in areas}
    kind = _single_param(request, "kind")
    kind = kind if kind in KINDS else None
    area = areas_by_slug.get(_single_param(request, "area"))

    all_sections = memo.for_request(
        request, ("cooperation-sections", page.pk), lambda: list(page.sections.all())
    )
    partners_by_kind = memo.for_request(
        request, ("cooperation-partners", _slug(area)), lambda: _partners_by_kind(area)
    )

    sections = []
    for section in all_sections:
        if kind and section.kind != kind:
            continue
        partners = partners_by_kind.get(section.kind, [])
        # Under an area filter, a section without matching partners is only noise.
        if area and not partners:
            continue
        sections.append({"section": section, "partners": partners, "anchor": section.kind})

    base_url = page.get_url(request=request)

    def link(label, **params):
        query = urlencode({k: v for k, v in params.items() if v})
        return {
            "label": label,
            "url": f"{base_url}?{query}" if query else base_url,
            "is_current": params.get("kind") == kind and params.get("area") == _slug(area),
        }

    kind_labels = {section.kind: section.heading for section in all_sections}
    active_labels = [kind_labels.get(kind, "") if kind else "", area.name if area else ""]
    return {
        "breadcrumb_tail": _("Overview"),
        "sections": sections,
        "active_kind": kind,
        "active_area": area,
        "is_filtered": bool(kind or area),
        # A kind whose section has text but no partners yet shows its text, never "0 match".
        "active_filter_labels": [label for label in active_labels if label],
        "partner_count": sum(len(s["partners"]) for s in sections),
        "kind_filters": [link(_("All kinds"), kind=None, area=_slug(area))]
        + [
            link(kind_labels.get(value, label), kind=value, area=_slug(area))
            for value, label in PartnerKind.choices
            if value in kind_labels
        ],
        "area_filters": [link(_("All areas"), kind=kind, area=None)]
        + [link(a.name, kind=kind, area=a.slug) for a in areas],
        # Cards link to the "partner" route as base + slug + "/": no reverse() per partner.
        "partner_base_url": base_url + PARTNER_ROUTE_PREFIX,
        "filter_base_url": base_url,
    }


def _partners_by_kind(area):
    partners_by_kind = {}
    for partner in Partner.objects.public(area=area):
        partners_by_kind.setdefault(partner.kind, []).append(partner)
    return partners_by_kind


def partner_detail(page, request, slug):
    partner, section = memo.for_request(
        request, ("cooperation-partner", page.pk, slug), lambda: _partner_and_section(page, slug)
    )
    if partner is None:
        raise Http404("No such partner")
    return page.render(
        request,
        template="partnerships/partner_detail.html",
        context_overrides={
            "partner": partner,
            "section": section,
            "breadcrumb_tail": partner.name,
            # The language switcher and hreflang keep visitors on this partner.
            "routed_subpath": page.reverse_subpage("partner", kwargs={"slug": partner.slug}),
        },
    )


def _partner_and_section(page, slug):
    partner = Partner.objects.public().filter(slug=slug).first()
    if partner is None:
        return None, None
    return partner, page.sections.filter(kind=partner.kind).first()


def _single_param(request, name):
    value = request.GET.get(name, "")
    return value if isinstance(value, str) and len(value) <= 80 else ""


def _slug(area):
    return area.slug if area else None
