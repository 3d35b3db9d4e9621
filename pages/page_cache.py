"""Whole-page cache for anonymous visitors, purged by section when content changes.

A cached page is keyed by host and path (which starts with the language) and carries the two
*generations* it was built under: one for the whole site and one for the page's section (its
language and first path segment, e.g. ``en`` + ``strategic-plan``). Purging bumps a
generation, so every entry built under the old one stops matching and is rebuilt on its next
view. A hit costs one cache round trip (the entry and both generations together).

Sections are what a change can reach: a goal page's title shows on the plan and on its
sibling goals, which share its section; a menu item's title or a site setting shows on every
page, so those bump the site generation.

What is never cached or served from cache: anything but a plain GET/HEAD without a query
string, requests carrying a session or messages cookie (editors, previews, flash messages),
the admin, and responses that set cookies, used a CSRF token, are not 200, or say
``private`` / ``no-store``.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_max_age

from tsinghua_med.security import is_admin_path

from . import i18n

KEY_PREFIX = "pagecache"
SITE_SCOPE = "*"


def _generation_key(scope):
    return f"{KEY_PREFIX}:gen:{scope}"


def section_scope(path):
    """``/en/strategic-plan/goal/`` -> ``en:strategic-plan``; ``/en/`` -> ``en:``."""
    parts = path.lstrip("/").split("/")
    language = parts[0]
    segment = parts[1] if len(parts) > 1 else ""
    return f"{language}:{segment}"


def _generations(scopes, also=()):
    """Current generation of each scope, plus whatever cache keys ``also`` names, read in
    one round trip. A missing generation (first use, or evicted) starts anew from the clock
    so it can never coincide with the generation of a stale entry."""
    keys = [_generation_key(scope) for scope in scopes]
    found = cache.get_many([*keys, *also])
    fresh = {key: time.time_ns() for key in keys if key not in found}
    for key, value in fresh.items():
        cache.add(key, value, timeout=None)
    return [found.get(key, fresh.get(key)) for key in keys], found


def site_generation():
    return _generations([SITE_SCOPE])[0][0]


def bump(*scopes):
    cache.set_many({_generation_key(scope): time.time_ns() for scope in scopes}, timeout=None)


def purge_site():
    bump(SITE_SCOPE)


def page_scopes(page):
    """The sections a page lives in, in every language (its translated slugs differ)."""
    return {section_scope(url) for url in i18n.page_urls_by_language(page).values() if url}


def home_scopes():
    return {f"{language}:" for language in i18n.LANGUAGE_CODES}


def purge_pages(pages):
    """Purge the sections of ``pages`` and the home page (its cards show other pages)."""
    scopes = set(home_scopes())
    for page in pages:
        if shows_site_wide(page):
            purge_site()
            return
        scopes |= page_scopes(page)
    bump(*scopes)


def shows_site_wide(page):
    """The home page and its children: the menu on every page may list them (and may just
    have stopped listing them), so a change to one of them reaches every page."""
    return page.depth <= 3


def _cache_key(request):
    # The path starts with the language prefix, so the language is part of the key.
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{KEY_PREFIX}:page:{request.get_host()}:{digest}"


def _request_is_cacheable(request):
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path_info
    return not is_admin_path(path) and i18n.has_language_prefix(path)


def _response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page carries a CSRF token
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Serve anonymous page views from the cache (``X-Cache: HIT``), fill it on a miss."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not _request_is_cacheable(request):
            return self.get_response(request)

        # The entry carries the generations it was built under; one round trip reads it
        # together with the current ones, and it counts only while they still match.
        key = _cache_key(request)
        scopes = [SITE_SCOPE, section_scope(request.path_info)]
        generations, found = _generations(scopes, also=[key])
        entry = found.get(key)
        if entry is not None and entry[0] == generations:
            response = entry[1]
            response["X-Cache"] = "HIT"
            return response

        response = self.get_response(request)
        if _response_is_cacheable(request, response):
            max_age = get_max_age(response)
            lifetime = timeout if max_age is None else min(max_age, timeout)
            cache.set(key, (generations, response), lifetime)
            response["X-Cache"] = "MISS"
        return response
