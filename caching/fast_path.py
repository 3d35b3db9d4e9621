"""Page-cache hits answered at the WSGI level, before Django's handler runs.

Through Django's handler a hit cost about 0.65 ms of worker CPU (request and response
objects, the request signals, unpickling the whole entry from Redis), two to four times what
gunicorn spends returning the same bytes from memory: cached pages ran at 19-32 % of a raw
WSGI app. Here a hit looks up what it needs to know of its address (the cache key and the
generations that cover it, worked out once per address through Django's own request and the
very rules the middleware applies: entries.py), reads those two generations (kept in the
worker while Redis tracks them for it: generation_reader.py), and answers from the copy of
the entry this worker keeps in memory (bounded in bytes); without a current copy it reads
the entry from the cache and keeps it.

A hit needs the entry's generations to equal the ones read now, so a purge (generations.py)
is seen by every worker on its next request. Anything else goes to Django untouched: a miss,
a stale or missing entry, a generation not yet started, a request the cache never answers
(editors, previews, query strings, the admin, other methods), a Host Django refuses.
"""

import threading
import time
from collections import OrderedDict
from http import HTTPStatus
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest

from ops.request_log import log_line, request_id_from

from . import generations
from .entries import cache_key, may_carry_editor_cookie, representation, request_is_cacheable

# Per worker: about 300 pages of 50 kB (HTML with its gzip and Brotli copies).
LOCAL_BYTES = 16 * 1024 * 1024


def _size(entry):
    return sum(len(entry[part] or b"") for part in ("body", "gzip", "br"))


class LocalEntries:
    """The entries this worker served lately, least recently used dropped first."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = _size(entry)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= _size(old)
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= _size(dropped)

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0


class Target(NamedTuple):
    """What a hit needs to know of an address: its cache key and generations, and what the
    log line says of it."""

    key: str
    scopes: tuple
    path: str
    language: str


# The request headers and WSGI variables Django reads for the host, the scheme and the path
# (get_host, is_secure, path_info; see cache_key and request_is_cacheable in entries.py).
# Nothing else decides an address's target; method, query string and cookies are checked
# on every request.
ADDRESS_VARIABLES = (
    "PATH_INFO",
    "SCRIPT_NAME",
    "SCRIPT_URL",
    "REDIRECT_URL",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "wsgi.url_scheme",
)
MAX_TARGETS = 4096


class Targets:
    """Each address's target, worked out through Django's request once (about a third of a
    hit's CPU when done every time) and then found by the variables that decide it."""

    def __init__(self):
        self._found = {}
        self._settings = None

    def find(self, environ):
        """The address's target, or None where the cache never answers (or Django refuses
        the Host)."""
        if settings._wrapped is not self._settings:  # settings were overridden (tests)
            self._found.clear()
            self._settings = settings._wrapped
            proxy_header = (settings.SECURE_PROXY_SSL_HEADER or ("",))[0]
            self._variables = (*ADDRESS_VARIABLES, proxy_header)
        address = tuple(environ.get(name) for name in self._variables)
        target = self._found.get(address)
        if target is None:
            if len(self._found) >= MAX_TARGETS:
                self._found.clear()
            target = self._found[address] = self._work_out(environ)
        return target or None

    @staticmethod
    def _work_out(environ):
        request = WSGIRequest(environ)
        if not request_is_cacheable(request):
            return False
        try:
            key = cache_key(request)
        except SuspiciousOperation:  # a Host outside ALLOWED_HOSTS: Django answers 400
            return False
        path = request.path_info
        scopes = (generations.SITE_SCOPE, generations.section_scope(path))
        return Target(key, scopes, request.path, path.split("/")[1])


class FastHits:
    """WSGI middleware: answers current page-cache hits, hands everything else to ``app``."""

    def __init__(self, app, max_bytes=LOCAL_BYTES):
        self.app = app
        self.entries = LocalEntries(max_bytes)
        self.targets = Targets()

    def __call__(self, environ, start_response):
        served = self.serve(environ, start_response)
        return self.app(environ, start_response) if served is None else served

    def serve(self, environ, start_response):
        """The body of a hit (``start_response`` called), or None for Django to answer."""
        if not settings.PAGE_CACHE_SECONDS or environ.get("QUERY_STRING"):
            return None
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or may_carry_editor_cookie(environ.get("HTTP_COOKIE")):
            return None
        started = time.monotonic()
        target = self.targets.find(environ)
        if target is None:
            return None
        entry = self._current_entry(target)
        if entry is None:
            return None
        status, headers, body = representation(
            entry, environ.get("HTTP_IF_NONE_MATCH", ""), environ.get("HTTP_ACCEPT_ENCODING", "")
        )
        request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID", ""))
        headers += [("X-Cache", "HIT"), ("X-Request-ID", request_id)]
        if status != 304:
            headers.append(("Content-Length", str(len(body))))
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        log_line(request_id, method, target.path, status, started, target.language)
        return [b"" if method == "HEAD" else body]

    def _current_entry(self, target):
        current = generations.read_existing(target.scopes)
        if current is None:
            return None
        entry = self.entries.get(target.key)
        if entry is None or entry["generations"] != current:
            entry = cache.get(target.key)
            if entry is None or entry["generations"] != current:
                return None
            self.entries.put(target.key, entry)
        return entry
