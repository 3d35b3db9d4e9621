"""Routing without the page tree walk: the Site of a host and the page a public address
leads to, remembered per generation (caching.memo).

Wagtail finds a page by walking the tree from the site root, one child query per URL
level (wagtail-modeltranslation's routing loads every child at each level), then loads
the specific page; and finds the Site with a CASE-annotated query, every request. This
middleware hands Wagtail both ready-made, through the attributes Wagtail itself memoises
them in (``request._wagtail_site``, ``request._wagtail_route_for_request``), so
``wagtail.views.serve`` and everything that asks for the page or the site skip the lookup.

Keys: the Site by host and port under the site generation (a Site change bumps it); the
route by host and path under the site and section generations. Publishing, unpublishing,
moving or deleting a page bumps the sections of its old and new addresses, and the page
instance (its fields are what the page shows) is cached under the same generations, so a
stale route or page is never used. Only live pages are routed (drafts have no route);
view restrictions are still checked by Wagtail's serve, as before. Routable pages route
their remainder (``partners/<slug>/``) on the fresh copy, without a query.
"""

import copy

from django.apps import apps
from django.http import Http404
from django.utils.translation import get_language
from modelcluster.models import get_all_child_relations
from wagtail.models import Site
from wagtail_modeltranslation import patch_wagtailadmin

from ops.security import is_admin_path
from translations import i18n

from . import generations, memo


def _site_for(request):
    host = request.get_host()

    def find():
        return Site.find_for_request(request)

    site = memo.cached(("site", host), find)
    if site is not None:
        request._wagtail_site = site
    return site


def _load_page(label, pk, scopes):
    """The live page, with its inline children (a plan's commitments …) loaded with it."""
    model = apps.get_model(label)
    children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]

    def load():
        return model.objects.filter(pk=pk).live().prefetch_related(*children).first()

    return memo.cached(("page", label, pk), load, scopes)


def _route(request, site, path, scopes):
    components = [part for part in path.split("/") if part][1:]  # after the language
    key = ("route", site.pk, request.path_info)
    found = memo.cached(key, lambda: _find(request, site, components), scopes)
    if found is None:
        return None
    label, pk, consumed = found
    page = _load_page(label, pk, scopes)
    if page is None:
        return None
    # A shallow copy: a request may set attributes on its page, the next one must not see them.
    return copy.copy(page).route(request, components[consumed:])


def _find(request, site, components):
    """(model label, pk, path components the page's own address uses), or None."""
    try:
        page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    return (page._meta.label, page.pk, page.depth - site.root_page.depth)


class RouteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            request.method in ("GET", "HEAD")
            and i18n.has_language_prefix(path)
            and not is_admin_path(path)
        ):
            self._prepare(request, path)
        return self.get_response(request)

    def _prepare(self, request, path):
        site = _site_for(request)
        if site is None:
            return
        scopes = (generations.SITE_SCOPE, generations.section_scope(path))
        try:
            request._wagtail_route_for_request = _route(request, site, path, scopes)
        except Http404:
            request._wagtail_route_for_request = None


def memoise_site_root_paths():
    """wagtail-modeltranslation reads the site root paths (every URL Wagtail builds needs
    them) from the cache once per language and request: several round trips a page. Keep
    them in memory per site generation instead: they change only with a Site (which bumps
    it) or the home page's slug (which purges the whole site)."""
    original = patch_wagtailadmin._localized_site_get_site_root_paths

    def site_root_paths():
        return memo.cached(("site-root-paths", get_language()), original)

    patch_wagtailadmin._localized_site_get_site_root_paths = site_root_paths
