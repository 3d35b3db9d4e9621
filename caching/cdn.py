"""CDN purge of both language versions of a page on publish/unpublish.

Wagtail's frontend-cache app purges the URL a page has in the active language; with
modeltranslation the Chinese URL has its own translated slug (``/zh-hans/关于/``), so this
handler purges the page's URL in every language. On only when WAGTAILFRONTENDCACHE is set."""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.signals import page_published, page_unpublished

from translations import i18n


def page_urls_in_every_language(page):
    urls = i18n.page_urls_by_language(page.specific, full=True).values()
    return [url for url in urls if url]


def purge_page_everywhere(sender, instance, **kwargs):
    purge_urls_from_cache(page_urls_in_every_language(instance))


def connect():
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        page_published.connect(purge_page_everywhere, dispatch_uid="cdn_purge_published")
        page_unpublished.connect(purge_page_everywhere, dispatch_uid="cdn_purge_unpublished")
