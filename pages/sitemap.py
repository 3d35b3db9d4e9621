"""sitemap.xml and robots.txt, outside the language prefixes.

Every live, public page (and every address a routable page serves, such as a partner's) is
listed once per language,
each entry carrying ``xhtml:link`` alternates for both languages and ``x-default``, as
Google documents for multilingual sites.
"""

from xml.sax.saxutils import escape, quoteattr

from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from caching import generations
from translations import i18n

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap_entries(request):
    """``[(urls_by_language, lastmod)]``: absolute URLs, one dict per page or partner."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    entries = []
    pages = site.root_page.get_descendants(inclusive=True).live().public().specific()
    for page in pages:
        urls = i18n.page_urls_by_language(page, request)
        if all(urls.values()):
            entries.append((_absolute(request, urls), page.last_published_at))
        entries.extend(_routed_entries(page, request))
    return entries


def _routed_entries(page, request):
    """Addresses a routable page serves besides its own (the cooperation page's partners):
    a page type lists them with a ``sitemap_routes(request)`` method that yields
    ``(urls_by_language, lastmod)``."""
    routes = getattr(page, "sitemap_routes", None)
    if routes is None:
        return []
    return [(_absolute(request, urls), lastmod) for urls, lastmod in routes(request)]


def _absolute(request, urls):
    return {code: request.build_absolute_uri(url) for code, url in urls.items()}


@require_safe
@cache_control(public=True, max_age=3600)
def sitemap(request):
    """Built once per generation: any purge of the page cache (a publish, a move, a partner
    change …) bumps ``generations.ANY_SCOPE`` and so rebuilds it on its next request."""
    scheme = "https" if request.is_secure() else "http"
    key = f"sitemap:{scheme}:{request.get_host()}:{generations.current(generations.ANY_SCOPE)[0]}"
    xml = cache.get(key)
    if xml is None:
        xml = sitemap_xml(request)
        cache.set(key, xml, timeout=24 * 3600)
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


def sitemap_xml(request):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for urls, lastmod in sitemap_entries(request):
        alternates = [
            f'<xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(url)}/>'
            for code, url in urls.items()
        ] + [
            '<xhtml:link rel="alternate" hreflang="x-default" '
            f"href={quoteattr(urls[i18n.SOURCE_LANGUAGE])}/>"
        ]
        for url in urls.values():
            lines.append("<url>")
            lines.append(f"<loc>{escape(url)}</loc>")
            if lastmod:
                lines.append(f"<lastmod>{lastmod.date().isoformat()}</lastmod>")
            lines.extend(alternates)
            lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines)


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    # The conventional admin address only: a custom WAGTAIL_ADMIN_PATH is not published
    # here, as that would undo the point of moving it (the admin sends noindex anyway).
    disallow = ["/admin/"]
    # Search result pages are endless and thin: crawlers should follow the sitemap instead.
    disallow += [f"/{code}/search/" for code in i18n.LANGUAGE_CODES]
    lines = ["User-agent: *"] + [f"Disallow: {path}" for path in disallow]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
