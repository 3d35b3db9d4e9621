"""Generations: the version numbers every cached value is keyed by.

There is one generation for the whole site and one per *section* (a language and the first
path segment, e.g. ``en`` + ``strategic-plan``). Purging bumps a generation, so everything
cached under the old one stops matching and is rebuilt on its next use. Sections are what a
change can reach: a goal page's title shows on the plan and on its sibling goals, which
share its section; a menu item's title or a site setting shows on every page, so those bump
the site generation.
"""

import time
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

from translations import i18n

from . import generation_reader

KEY_PREFIX = "pagecache"
SITE_SCOPE = "*"
# Bumped with every purge of any scope: for things that list every page (the sitemap).
ANY_SCOPE = "#"

# The generations this request has read, so each is read from the cache once a request (the
# page-cache middleware reads the page's own together with the cached page, in one round
# trip). None outside a request: every read goes to the cache.
_request_memo = ContextVar("generations_memo", default=None)

# Called with the bumped scopes once the purge is committed (caching.cdn, ops.db_routing).
after_commit_hooks = []


def _generation_key(scope):
    return f"{KEY_PREFIX}:gen:{scope}"


def section_scope(path):
    """``/en/strategic-plan/goal/`` -> ``en:strategic-plan``; ``/en/`` -> ``en:``."""
    parts = path.lstrip("/").split("/")
    language = parts[0]
    segment = parts[1] if len(parts) > 1 else ""
    return f"{language}:{segment}"


def read(scopes, also=(), keep=True):
    """Current generation of each scope, plus whatever cache keys ``also`` names, read in
    one round trip; returns the generations and everything found. A missing generation
    (first use, or evicted) starts anew from the clock so it can never coincide with the
    generation of a stale entry. ``keep=False`` leaves it unsaved until ``keep_started``:
    the page cache saves a section's generation for good only once a page answered there,
    so requests for unknown addresses leave nothing lasting behind in the cache."""
    keys = [_generation_key(scope) for scope in scopes]
    found = cache.get_many([*keys, *also])
    fresh = {key: time.time_ns() for key in keys if key not in found}
    if keep:
        for key, value in fresh.items():
            cache.add(key, value, timeout=None)
    return [found.get(key, fresh.get(key)) for key in keys], found


# How long the generation of a section where no page answered is kept: long enough for
# repeated 404s there to be answered from memory, short enough that requests for random
# addresses cannot pile keys up in the cache.
UNKNOWN_SECTION_SECONDS = 600


def keep_started(scopes, values, found, known=True):
    """Save the generations ``read(..., keep=False)`` started (those not in ``found``):
    without expiry where a page answered (``known``), for a while elsewhere. Expiry is
    always safe: a generation that starts anew matches nothing kept under the old one."""
    timeout = None if known else UNKNOWN_SECTION_SECONDS
    for scope, value in zip(scopes, values, strict=True):
        key = _generation_key(scope)
        if key not in found:
            cache.add(key, value, timeout=timeout)


def read_existing(scopes):
    """Current generation of each scope in one round trip, or None if any is missing (the
    caller then leaves it to ``read`` to start them). Straight from Redis when the cache is
    Redis (generation_reader.py), else through the cache."""
    keys = [_generation_key(scope) for scope in scopes]
    values = generation_reader.reader().read(keys)
    if values is None:
        found = cache.get_many(keys)
        values = [found.get(key) for key in keys]
    return None if None in values else values


def read_kept(scopes):
    """``read(scopes, keep=False)`` without a round trip where this worker keeps every one
    of them (generation_reader.py); None otherwise."""
    values = read_existing(scopes)
    if values is None:
        return None
    return values, {
        _generation_key(scope): value for scope, value in zip(scopes, values, strict=True)
    }


def begin_request(known=None):
    """Start this request's memo (``{scope: generation}`` already read); returns a token for
    ``end_request``."""
    return _request_memo.set(dict(known or {}))


def end_request(token):
    _request_memo.reset(token)


def current(*scopes):
    """The current generation of each scope, read at most once a request."""
    memo = _request_memo.get()
    if memo is None:
        return read(scopes)[0]
    missing = [scope for scope in scopes if scope not in memo]
    if missing:
        # Kept in this worker while Redis tracks them (generation_reader.py), else read.
        values = read_existing(missing) or read(missing)[0]
        memo.update(zip(missing, values, strict=True))
    return [memo[scope] for scope in scopes]


def site_generation():
    return current(SITE_SCOPE)[0]


def _bump_now(scopes):
    scopes = {*scopes, ANY_SCOPE}
    values = {scope: time.time_ns() for scope in scopes}
    keys = {_generation_key(scope): value for scope, value in values.items()}
    cache.set_many(keys, None)
    # A second round trip: Redis answers it only after it has sent every worker that keeps
    # these generations (generation_reader.py) the message that they changed, so the
    # change is seen on the next request anywhere, however soon it comes.
    cache.get(_generation_key(ANY_SCOPE))
    memo = _request_memo.get()
    if memo is not None:
        memo.update(values)
    return scopes


_pending = set()  # scopes bumped in transactions not yet committed (this process)


def bump(*scopes):
    """Purge ``scopes``: at once, and again when the transaction commits.

    The first bump stops serving what the change makes stale; but until the commit, another
    request still reads the old rows (from the primary, or later from a lagging replica) and
    may cache them under the new generation. The bump on commit discards those, and tells
    the after-commit hooks (the CDN purge, the replica's read-from-primary window), so they
    act once the new data is there to be read. All bumps of one transaction (a move bumps
    the old and the new place) reach the hooks together, once."""
    _pending.update(_bump_now(scopes))
    transaction.on_commit(_committed)


def _committed():
    scopes = set(_pending)
    _pending.clear()
    if not scopes:  # an earlier callback of the same transaction took them
        return
    _bump_now(scopes)
    for hook in after_commit_hooks:
        hook(scopes)


def page_scopes(page):
    """The sections a page lives in, in every language (its translated slugs differ)."""
    return {section_scope(url) for url in i18n.page_urls_by_language(page).values() if url}


def home_scopes():
    return {f"{language}:" for language in i18n.LANGUAGE_CODES}


def shows_site_wide(page):
    """The home page and its children: the menu on every page may list them (and may just
    have stopped listing them), so a change to one of them reaches every page."""
    return page.depth <= 3
