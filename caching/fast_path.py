"""Page-cache hits answered at the WSGI level, before Django's handler runs.

Through Django's handler a hit cost about 0.65 ms of worker CPU (request and response
objects, the request signals, unpickling the whole entry from Redis), two to four times what
gunicorn spends returning the same bytes from memory: cached pages ran at 19-32 % of a raw
WSGI app. Here a hit builds one request object (so the host, scheme, path and cookie rules
are the very functions the middleware applies: entries.py), reads the two generations that
cover the page in one small round trip (over a plain socket: generation_reader.py), and
answers from the copy of the entry this worker keeps in memory (bounded in bytes); without
a current copy it reads the entry from the cache (a second round trip) and keeps it.

A hit needs the entry's generations to equal the ones read now, so a purge (generations.py)
is seen by every worker on its next request. Anything else goes to Django untouched: a miss,
a stale or missing entry, a generation not yet started, a request the cache never answers
(editors, previews, query strings, the admin, other methods), a Host Django refuses.
"""

import threading
import time
from collections import OrderedDict
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest

from ops.request_log import log_line, request_id_from

from . import generations
from .entries import cache_key, representation, request_is_cacheable

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


class FastHits:
    """WSGI middleware: answers current page-cache hits, hands everything else to ``app``."""

    def __init__(self, app, max_bytes=LOCAL_BYTES):
        self.app = app
        self.entries = LocalEntries(max_bytes)

    def __call__(self, environ, start_response):
        served = self.serve(environ, start_response)
        return self.app(environ, start_response) if served is None else served

    def serve(self, environ, start_response):
        """The body of a hit (``start_response`` called), or None for Django to answer."""
        if not settings.PAGE_CACHE_SECONDS or environ.get("QUERY_STRING"):
            return None
        started = time.monotonic()
        request = WSGIRequest(environ)
        if not request_is_cacheable(request):
            return None
        try:
            key = cache_key(request)
        except SuspiciousOperation:  # a Host outside ALLOWED_HOSTS: Django answers 400
            return None
        entry = self._current_entry(key, request.path_info)
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
        lang = request.path_info.split("/")[1]
        log_line(request_id, request.method, request.path, status, started, lang)
        return [b"" if request.method == "HEAD" else body]

    def _current_entry(self, key, path):
        scopes = (generations.SITE_SCOPE, generations.section_scope(path))
        current = generations.read_existing(scopes)
        if current is None:
            return None
        entry = self.entries.get(key)
        if entry is None or entry["generations"] != current:
            entry = cache.get(key)
            if entry is None or entry["generations"] != current:
                return None
            self.entries.put(key, entry)
        return entry
