"""Page-tree lookups that the frame of every page needs (menu, breadcrumbs, footer links),
done once per request, and the menu once per site generation (see caching.generations)."""

from django.core.cache import cache
from django.utils import translation

from caching import generations
from translations import i18n


def _memo(request, name, compute):
    memo = request.__dict__.setdefault("_navigation_memo", {})
    if name not in memo:
        memo[name] = compute()
    return memo[name]


def ancestors(request, page):
    """The page's live ancestors below the tree root (home first): one query a request."""
    return _memo(
        request,
        ("ancestors", page.pk),
        lambda: list(page.get_ancestors().filter(depth__gt=1).live()),
    )


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
    key = f"navigation:menu:{root.pk}:{language}:{generations.site_generation()}"
    items = cache.get(key)
    if items is None:
        items = [
            {
                "pk": page.pk,
                "title": page.title,
                "url": page.get_url(request=request),
                "url_path": page.url_path,
                "falls_back": i18n.falls_back(page, "title"),
            }
            for page in root.get_children().live().in_menu()
        ]
        # Entries of an old generation are never read again; let them age out.
        cache.set(key, items, timeout=24 * 3600)
    return items
