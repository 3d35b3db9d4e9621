"""The page cache's rules and stored form, shared by the two places that answer from it: the
WSGI fast path (fast_path.py, ahead of Django) and the first middleware (middleware.py).

What may be answered from the cache: a plain GET/HEAD without a query string, carrying no
session or messages cookie (editors, previews, flash messages), outside the admin, under a
language prefix. What may be stored: a 200 that set no cookie, used no CSRF token, is not
streamed or already encoded, queued no message, and is not ``private`` / ``no-store`` /
``no-cache``.

An entry is plain data (cheap to unpickle): the generations it was built under, the headers
as the response left the whole stack (minus the per-request ones), the body, a gzip and a
Brotli copy made once, and a weak ETag (a hash of the body).
"""

import gzip
import hashlib

try:
    import brotli
except ImportError:  # pragma: no cover - Brotli is in requirements.txt
    brotli = None

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from ops.security import is_admin_path
from translations import i18n

from . import generations

COMPRESSIBLE = ("text/html", "application/xml", "text/xml", "application/json", "text/plain")
MIN_COMPRESS_BYTES = 200
# Headers made per request, never replayed from a stored copy.
NOT_STORED = {"x-request-id", "x-cache", "set-cookie", "content-length"}
# What a 304 repeats of the stored headers.
VALIDATION_HEADERS = {"cache-control", "etag", "vary", "expires"}


def cache_key(request):
    # The path starts with the language prefix, so the language is part of the key; the
    # scheme too, so a plain-HTTP request still reaches the HTTPS redirect.
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    scheme = "https" if request.is_secure() else "http"
    return f"{generations.KEY_PREFIX}:page:{scheme}:{request.get_host()}:{digest}"


def editor_cookie_names():
    """Cookies that mark a visitor the cache never answers: a session (editors, previews)
    or a flash message to show."""
    return (settings.SESSION_COOKIE_NAME, "messages")


def may_carry_editor_cookie(cookie_header):
    """False when the raw Cookie header certainly names none of them (the names are not even
    in it), without parsing it; True leaves the decision to ``request_is_cacheable``."""
    return bool(cookie_header) and any(name in cookie_header for name in editor_cookie_names())


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if any(name in request.COOKIES for name in editor_cookie_names()):
        return False
    path = request.path_info
    return not is_admin_path(path) and i18n.has_language_prefix(path)


def used_csrf_token(request):
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if used_csrf_token(request):  # the page carries a CSRF token
        return False
    if response.has_header("Content-Encoding"):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def compressible(response):
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return content_type in COMPRESSIBLE


def make_entry(current, response, timeout):
    """The stored form of a response (whose headers it completes: ETag, Cache-Control,
    Vary)."""
    body = response.content
    etag = f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = f"public, max-age=0, must-revalidate, s-maxage={timeout}"
    response["ETag"] = etag
    compressed = compressed_br = None
    if compressible(response) and len(body) >= MIN_COMPRESS_BYTES:
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


def _etag_matches(etag, if_none_match):
    if if_none_match.strip() == "*":
        return True
    listed = parse_etags(if_none_match)
    return etag in listed or etag.removeprefix("W/") in listed


def representation(entry, if_none_match, accept_encoding):
    """``(status, headers, body)`` answering a request from a stored entry: a 304 when the
    client holds this version, else Brotli, gzip or identity as the client accepts."""
    if if_none_match and _etag_matches(entry["etag"], if_none_match):
        headers = [(k, v) for k, v in entry["headers"] if k.lower() in VALIDATION_HEADERS]
        return 304, headers, b""
    if entry.get("br") is not None and "br" in accept_encoding:
        return entry["status"], [*entry["headers"], ("Content-Encoding", "br")], entry["br"]
    if entry["gzip"] is not None and "gzip" in accept_encoding:
        return entry["status"], [*entry["headers"], ("Content-Encoding", "gzip")], entry["gzip"]
    return entry["status"], list(entry["headers"]), entry["body"]
