"""Whole-page cache for anonymous visitors, purged by section when content changes; HTTP
validators, cache headers and compression for what leaves the site.

``PageCacheMiddleware`` is the first middleware. It stores what it may (entries.py) as the
response left the whole stack, with the headers the outer layers added (HSTS, CSP,
Permissions-Policy, X-Frame-Options …); only the request id is made afresh per request.
Hits are normally answered before Django runs at all, by the WSGI fast path
(fast_path.py); this middleware answers the ones that reach it (another WSGI entry point,
the test client) the same way, before any other layer.

A cached page is keyed by scheme, host and path (which starts with the language) and
carries the generations it was built under (see generations.py): one for the whole site and
one for the page's section. Here a lookup costs one cache round trip (the entry and both
generations together); the generations read stay memoised for the rest of the request, so
the page's own rendering on a miss reads them from memory.

Every cached page carries a weak ETag (a hash of its body) and ``Cache-Control: public,
max-age=0, must-revalidate, s-maxage=PAGE_CACHE_SECONDS``: browsers revalidate (and get a
304), a CDN keeps it for the page-cache lifetime and is purged with it (caching/cdn.py).
Error responses (4xx, 5xx, 429 included) go out ``no-store``. HTML, XML, JSON and text are
gzip-compressed for clients that accept it, except the admin and responses carrying a CSRF
token (BREACH); a cached page keeps a Brotli and a gzip copy, made once when stored.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_max_age

from ops.request_log import log_request, request_id_of
from ops.security import is_admin_path
from translations import i18n

from . import generations
from .entries import (
    cache_key,
    compressible,
    make_entry,
    representation,
    request_is_cacheable,
    response_is_cacheable,
    used_csrf_token,
)


def answer(request, entry):
    """A response for this request from a stored entry: 304, Brotli, gzip or identity."""
    status, headers, body = representation(
        entry,
        request.META.get("HTTP_IF_NONE_MATCH", ""),
        request.META.get("HTTP_ACCEPT_ENCODING", ""),
    )
    response = HttpResponseNotModified() if status == 304 else HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    if status != 304:
        response["Content-Length"] = str(len(body))
    return response


def finish_uncached(request, response):
    """Headers and compression for a response the page cache does not keep."""
    if response.status_code >= 400 and not response.has_header("Cache-Control"):
        response["Cache-Control"] = "no-store"
    if (
        not response.streaming
        and compressible(response)
        and not used_csrf_token(request)
        and not is_admin_path(request.path_info)
    ):
        response = _gzip.process_response(request, response)
    return response


_gzip = GZipMiddleware(lambda request: None)


class PageCacheMiddleware:
    """Serve anonymous page views from the cache (``X-Cache: HIT``), fill it on a miss."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        timeout = settings.PAGE_CACHE_SECONDS
        path = request.path_info
        cacheable = bool(timeout) and request_is_cacheable(request)
        key = cache_key(request) if cacheable else None
        # One round trip: the stored page (if any) and the generations of its scopes, which
        # the rest of the request then reads from memory (generations.current). None where
        # there is no page to look for and the worker keeps the generations.
        scopes = []
        if i18n.has_language_prefix(path):
            scopes = [generations.SITE_SCOPE, generations.section_scope(path)]
        kept = generations.read_kept(scopes) if scopes and not key else None
        current, found = kept or generations.read(scopes, also=[key] if key else [], keep=False)
        token = generations.begin_request(dict(zip(scopes, current, strict=True)))
        try:
            entry = found.get(key) if key else None
            if entry is not None and entry.get("generations") == current:
                return self._hit(request, entry, started)
            response = self.get_response(request)
            # A page answered: its section is real. Otherwise kept only for a while.
            generations.keep_started(scopes, current, found, known=response.status_code == 200)
            if key and response_is_cacheable(request, response):
                max_age = get_max_age(response)
                lifetime = timeout if max_age is None else min(max_age, timeout)
                entry = make_entry(current, response, timeout)
                cache.set(key, entry, lifetime)
                request_id = response.get("X-Request-ID")
                response = answer(request, entry)
                response["X-Cache"] = "MISS"
                if request_id:
                    response["X-Request-ID"] = request_id
                return response
            return finish_uncached(request, response)
        finally:
            generations.end_request(token)

    def _hit(self, request, entry, started):
        response = answer(request, entry)
        response["X-Cache"] = "HIT"
        request.request_id = request_id_of(request)
        response["X-Request-ID"] = request.request_id
        log_request(request, response, started, lang=request.path_info.split("/")[1])
        return response
