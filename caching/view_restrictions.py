"""Wagtail checks the view restrictions of a page and its ancestors on every view: two
queries a page. Most of the time the site has none at all; remember that per site
generation (adding or removing a restriction bumps it, see invalidation.py)."""

from wagtail.models import PageViewRestriction

from . import memo


def site_has_view_restrictions():
    return memo.cached("view-restrictions:any", PageViewRestriction.objects.exists)


class ViewRestrictionsShortcutMixin:
    def get_view_restrictions(self):
        if not site_has_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def public(queryset):
    """``queryset.public()``, without its view-restriction query while the site has none."""
    return queryset.public() if site_has_view_restrictions() else queryset
