"""Values computed once per generation and kept in this process's memory.

``cached(key, compute, scopes)`` keys the value by ``key`` and the current generations of
``scopes`` (see generations.py; read at most once a request), so a purge of any of those
scopes makes the old value unreachable: the next use computes it afresh, in every worker.
Old values age out of a bounded LRU. Nothing is shared between workers, so nothing is
pickled: values may be model instances or rendered fragments, and a hit costs a dict
lookup, with no round trip.

Purges reach every worker only through a shared cache (Redis): production without Redis
turns this off (``GENERATION_MEMO = False``), as it does the page cache.

Treat what you get as read-only: the same object serves the next request too.
"""

import threading
from collections import OrderedDict

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from . import generations

MAX_ENTRIES = 4096
_values = OrderedDict()
_lock = threading.Lock()
_MISSING = object()


def cached(key, compute, scopes=(generations.SITE_SCOPE,)):
    if not getattr(settings, "GENERATION_MEMO", True):
        return compute()
    full_key = (key, tuple(generations.current(*scopes)))
    with _lock:
        value = _values.get(full_key, _MISSING)
        if value is not _MISSING:
            _values.move_to_end(full_key)
            return value
    value = compute()
    with _lock:
        _values[full_key] = value
        while len(_values) > MAX_ENTRIES:
            _values.popitem(last=False)
    return value


def request_scopes(request):
    """The scopes a public page's data lives under: the site and the page's section (the
    content apps' purge rules bump these: generations.py, invalidation.py)."""
    path = request.path_info
    return (generations.SITE_SCOPE, generations.section_scope(path))


def for_request(request, key, compute):
    """``cached`` under the request's page scopes, and the language: for a page's own data
    (lists of children, snippets it shows) in content apps.

    Never for a preview: its request has the live page's address (so its scopes), but the
    page is an unsaved draft whose inlines and choices differ; kept, they would show the
    draft on the public page."""
    if getattr(request, "is_preview", False):
        return compute()
    return cached((key, get_language()), compute, request_scopes(request))


# Content that lists what is still to come (upcoming events) is keyed by a window of this
# length as well: a passed event leaves such a list within ten minutes, without a purge.
CLOCK_WINDOW_SECONDS = 600


def clock_window(now=None):
    """The window ``now`` (a datetime, default now) falls in: pass it as a key part, or as a
    {% fragment %} argument."""
    return int((now or timezone.now()).timestamp()) // CLOCK_WINDOW_SECONDS


def clear():
    with _lock:
        _values.clear()
