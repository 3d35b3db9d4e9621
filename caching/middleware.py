"""Whole-page cache for anonymous visitors, purged by section when content changes; HTTP
validators, cache headers and compression for what leaves the site.

``PageCacheMiddleware`` is the first middleware: a hit is answered before any other layer
runs (request log line excepted, written here cheaply). So the entry stores the response
as it left the whole stack, with the headers the outer layers added (HSTS, CSP,
Permissions-Policy, X-Frame-Options …); only the request id is made afresh per request.

A cached page is keyed by scheme, host and path (which starts with the language) and
carries the generations it was built under (see generations.py): one for the whole site and
one for the page's section. A hit costs one cache round trip (the entry and both
generations together); the generations read stay memoised for the rest of the request, so
the page's own rendering on a miss reads them from memory.

What is never cached or served from cache: anything but a plain GET/HEAD without a query
string, requests carrying a session or messages cookie (editors, previews, flash messages),
the admin, and responses that set cookies, used a CSRF token, are not 200, or say
``private`` / ``no-store`` / ``no-cache``.

Every cached page carries a weak ETag (a hash of its body) and ``Cache-Control: public,
max-age=0, must-revalidate, s-maxage=PAGE_CACHE_SECONDS``: browsers revalidate (and get a
304), a CDN keeps it for the page-cache lifetime and is purged with it (caching/cdn.py).
Error responses (4xx, 5xx, 429 included) go out ``no-store``. HTML, XML, JSON and text are
gzip-compressed for clients that accept it, except the admin and responses carrying a CSRF
token (BREACH); a cached page keeps a Brotli and a gzip copy, made once when stored.
"""

import gzip
import hashlib
import time

try:
    import brotli
except ImportError:  # pragma: no cover - Brotli is in requirements.txt
    brotli = None

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_max_age, patch_vary_headers
from django.utils.http import parse_etags

from ops.request_log import log_request, request_id_of
from ops.security import is_admin_path
from translations import i18n

from . import generations

COMPRESSIBLE = ("text/html", "application/xml", "text/xml", "application/json", "text/plain")
MIN_COMPRESS_BYTES = 200
# Headers made per request, never replayed from a stored copy.
NOT_STORED = {"x-request-id", "x-cache", "set-cookie", "content-length"}


def _cache_key(request):
    # The path starts with the language prefix, so the language is part of the key; the
    # scheme too, so a plain-HTTP request still reaches the HTTPS redirect.
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    scheme = "https" if request.is_secure() else "http"
    return f"{generations.KEY_PREFIX}:page:{scheme}:{request.get_host()}:{digest}"


def _request_is_cacheable(request):
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path_info
    return not is_admin_path(path) and i18n.has_language_prefix(path)


def _used_csrf_token(request):
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if _used_csrf_token(request):  # the page carries a CSRF token
        return False
    if response.has_header("Content-Encoding"):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def _accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")


def _compressible(response):
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return content_type in COMPRESSIBLE


def make_entry(current, response, timeout):
    """The stored form of a response: plain data, cheap to unpickle."""
    body = response.content
    etag = f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = f"public, max-age=0, must-revalidate, s-maxage={timeout}"
    response["ETag"] = etag
    compressed = compressed_br = None
    if _compressible(response) and len(body) >= MIN_COMPRESS_BYTES:
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        if brotli is not None:
            compressed_br = brotli.compress(body, quality=6)
    headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
    return {
        "generations": current,
        "status": response.status_code,
        "headers": headers,
        "body": body,
        "gzip": compressed,
        "br": compressed_br,
        "etag": etag,
    }


def answer(request, entry):
    """A response for this request from a stored entry: 304, gzip or identity."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match and (
        entry["etag"] in parse_etags(if_none_match)
        or entry["etag"].removeprefix("W/") in parse_etags(if_none_match)
        or if_none_match.strip() == "*"
    ):
        response = HttpResponseNotModified()
        for name, value in entry["headers"]:
            if name.lower() in ("cache-control", "etag", "vary", "expires"):
                response[name] = value
        return response
    if entry.get("br") is not None and "br" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
        response = HttpResponse(entry["br"], status=entry["status"])
        response["Content-Encoding"] = "br"
    elif entry["gzip"] is not None and _accepts_gzip(request):
        response = HttpResponse(entry["gzip"], status=entry["status"])
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(entry["body"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["Content-Length"] = str(len(response.content))
    return response


def finish_uncached(request, response):
    """Headers and compression for a response the page cache does not keep."""
    if response.status_code >= 400 and not response.has_header("Cache-Control"):
        response["Cache-Control"] = "no-store"
    if (
        not response.streaming
        and _compressible(response)
        and not _used_csrf_token(request)
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
        cacheable = bool(timeout) and _request_is_cacheable(request)
        key = _cache_key(request) if cacheable else None
        # One round trip: the stored page (if any) and the generations of its scopes, which
        # the rest of the request then reads from memory (generations.current).
        scopes = []
        if i18n.has_language_prefix(path):
            scopes = [generations.SITE_SCOPE, generations.section_scope(path)]
        current, found = generations.read(scopes, also=[key] if key else [])
        token = generations.begin_request(dict(zip(scopes, current, strict=True)))
        try:
            entry = found.get(key) if key else None
            if entry is not None and entry.get("generations") == current:
                return self._hit(request, entry, started)
            response = self.get_response(request)
            if key and _response_is_cacheable(request, response):
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
