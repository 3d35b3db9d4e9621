"""CDN purge: exactly the addresses the page cache purges, once per change, after commit.

Every purge of the page cache bumps generations of *scopes* (the site, or sections: a
language and a first path segment; see generations.py). Once the change is committed, this
module turns the same scopes into URLs: every live page (in every language, translated
slugs included) and every extra address a routable page serves (``sitemap_routes``, e.g.
partners) whose section was purged, plus sitemap.xml. A site-wide purge covers every page.

Wagtail's own frontend-cache app (which would purge only the published page, in the active
language, a second time) is not installed: ``purge_urls_from_cache`` works without it. On
only when WAGTAILFRONTENDCACHE is set.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site

from translations import i18n

from . import generations


def _in_scopes(url, scopes):
    if generations.SITE_SCOPE in scopes:
        return True
    return generations.section_scope(urlsplit(url).path) in scopes


def urls_for_scopes(scopes):
    """Absolute URLs of every address the page cache keeps under ``scopes``."""
    scopes = set(scopes)
    urls = set()
    for page in Page.objects.live().specific().iterator():
        own = i18n.page_urls_by_language(page, full=True)
        urls |= {url for url in own.values() if url and _in_scopes(url, scopes)}
        routes = getattr(page, "sitemap_routes", None)
        base = own.get(i18n.SOURCE_LANGUAGE)
        if routes is None or not base:
            continue
        for by_language, _lastmod in routes(None):
            urls |= {
                urljoin(base, url)
                for url in by_language.values()
                if url and _in_scopes(url, scopes)
            }
    # The sitemap lists every page, so any purge reaches it (generations.ANY_SCOPE).
    urls |= {urljoin(site.root_url + "/", "sitemap.xml") for site in Site.objects.all()}
    return sorted(urls)


def purge_scopes(scopes):
    """After-commit hook of generations.bump()."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache(urls_for_scopes(scopes))


def connect():
    generations.after_commit_hooks.append(purge_scopes)
