"""Generations: the version numbers every cached value is keyed by.

There is one generation for the whole site and one per *section* (a language and the first
path segment, e.g. ``en`` + ``strategic-plan``). Purging bumps a generation, so everything
cached under the old one stops matching and is rebuilt on its next use. Sections are what a
change can reach: a goal page's title shows on the plan and on its sibling goals, which
share its section; a menu item's title or a site setting shows on every page, so those bump
the site generation.
"""

import time

from django.core.cache import cache

from translations import i18n

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


def read(scopes, also=()):
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
    return read([SITE_SCOPE])[0][0]


def bump(*scopes):
    cache.set_many({_generation_key(scope): time.time_ns() for scope in scopes}, timeout=None)


def page_scopes(page):
    """The sections a page lives in, in every language (its translated slugs differ)."""
    return {section_scope(url) for url in i18n.page_urls_by_language(page).values() if url}


def home_scopes():
    return {f"{language}:" for language in i18n.LANGUAGE_CODES}


def shows_site_wide(page):
    """The home page and its children: the menu on every page may list them (and may just
    have stopped listing them), so a change to one of them reaches every page."""
    return page.depth <= 3
