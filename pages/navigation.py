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
    section or the site is purged (a rename or move of an ancestor purges both). Each
    carries ``label``: its menu title for a top-level page (see short_titles)."""
    path = request.path_info if i18n.has_language_prefix(request.path_info) else None

    def compute():
        return _labelled_ancestors(request, page)

    if path is None:
        return _memo(request, ("ancestors", page.pk), compute)
    scopes = (generations.SITE_SCOPE, generations.section_scope(path))
    return memo.cached(("ancestors", page.pk, path), compute, scopes)


def _labelled_ancestors(request, page):
    found = list(page.get_ancestors().filter(depth__gt=1).live())
    titles = short_titles(request, found[0]) if found else {}
    for ancestor in found:
        ancestor.label = titles.get(ancestor.pk, ancestor.title)
    return found


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
                "title": menu_title(page),
                "url": page.get_url(request=request),
                "url_path": page.url_path,
                "falls_back": _label_falls_back(page),
            }
            for page in root.get_children().live().in_menu().specific()
        ],
    )


def menu_title(page):
    """The page's short menu title (``menu_title``, translated) or else its title. A menu
    title shown only through the English fallback loses to a translated title."""
    return page.menu_title if _uses_menu_title(page) else page.title


def _uses_menu_title(page):
    if not (getattr(page, "menu_title", "") or "").strip():
        return False
    return not (i18n.falls_back(page, "menu_title") and not i18n.falls_back(page, "title"))


def _label_falls_back(page):
    return i18n.falls_back(page, "menu_title" if _uses_menu_title(page) else "title")


def short_titles(request, root):
    """``{pk: label}`` of the top-level pages (menu titles where set), for breadcrumbs:
    read from the cached menu data, so breadcrumbs add no query."""
    language = translation.get_language()
    return memo.cached(
        ("navigation:short-titles", root.pk, language),
        lambda: {page.pk: menu_title(page) for page in root.get_children().live().specific()},
    )
