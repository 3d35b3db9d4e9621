"""Page-tree lookups that the frame of every page needs (menu, breadcrumbs, footer links),
done once per request, and the menu once per site generation (see caching.generations)."""

from django.utils import translation

from caching import generations, memo
from translations import i18n


def _memo(request, name, compute):
    memo = request.__dict__.setdefault("_navigation_memo", {})
    if name not in memo:
        memo[name] = compute()
    return memo[name]


def ancestors(request, page):
    """The page's live ancestors below the tree root (home first), remembered until its
    section or the site is purged (a rename or move of an ancestor purges both)."""
    path = request.path_info if i18n.has_language_prefix(request.path_info) else None
    scopes = (generations.SITE_SCOPE, generations.section_scope(path)) if path else None
    compute = lambda: list(page.get_ancestors().filter(depth__gt=1).live())  # noqa: E731
    if scopes is None:
        return _memo(request, ("ancestors", page.pk), compute)
    return memo.cached(("ancestors", page.pk, path), compute, scopes)


def social_links(request, site_settings):
    if site_settings is None:
        return []
    if hasattr(site_settings, "footer_links"):  # read with the settings (SiteSettings.for_request)
        return site_settings.footer_links
    return _memo(request, "social_links", lambda: list(site_settings.social_links.all()))


def menu_items(request, root):
    """The home page's live children shown in menus, as plain data. Cached until the site
    generation changes: every change to a top-level page or site setting bumps it."""
    language = translation.get_language()
    return memo.cached(
        ("navigation:menu", root.pk, language, request.get_host()),
        lambda: [
            {
                "pk": page.pk,
                "title": page.title,
                "url": page.get_url(request=request),
                "url_path": page.url_path,
                "falls_back": i18n.falls_back(page, "title"),
            }
            for page in root.get_children().live().in_menu()
        ],
    )
