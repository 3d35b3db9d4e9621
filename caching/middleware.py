"""Whole-page cache for anonymous visitors, purged by section when content changes.

A cached page is keyed by host and path (which starts with the language) and carries the
generations it was built under (see generations.py): one for the whole site and one for the
page's section. A hit costs one cache round trip (the entry and both generations together).

What is never cached or served from cache: anything but a plain GET/HEAD without a query
string, requests carrying a session or messages cookie (editors, previews, flash messages),
the admin, and responses that set cookies, used a CSRF token, are not 200, or say
``private`` / ``no-store``.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_max_age

from ops.security import is_admin_path
from translations import i18n

from . import generations


def _cache_key(request):
    # The path starts with the language prefix, so the language is part of the key.
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{generations.KEY_PREFIX}:page:{request.get_host()}:{digest}"


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
        scopes = [generations.SITE_SCOPE, generations.section_scope(request.path_info)]
        current, found = generations.read(scopes, also=[key])
        entry = found.get(key)
        if entry is not None and entry[0] == current:
            response = entry[1]
            response["X-Cache"] = "HIT"
            return response

        response = self.get_response(request)
        if _response_is_cacheable(request, response):
            max_age = get_max_age(response)
            lifetime = timeout if max_age is None else min(max_age, timeout)
            cache.set(key, (current, response), lifetime)
            response["X-Cache"] = "MISS"
        return response
