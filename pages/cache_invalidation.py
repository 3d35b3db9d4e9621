"""Purge cached pages when published content changes (see page_cache for the scheme).

Other apps purge what their own models affect by calling ``page_cache.purge_pages`` or
``page_cache.purge_site`` from their signal handlers (partnerships does, for partners).
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from . import page_cache
from .models import SiteSettings, SocialLink

# Scopes a page occupied before a move or deletion, keyed by page id.
_scopes_before = {}


def _purge_page(sender, instance, **kwargs):
    page_cache.purge_pages([instance])


def _remember_scopes(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _scopes_before[instance.pk] = (
            page_cache.page_scopes(instance),
            page_cache.shows_site_wide(instance),
        )


def _purge_remembered(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    scopes, site_wide = _scopes_before.pop(instance.pk, (set(), False))
    if site_wide:
        page_cache.purge_site()
    else:
        page_cache.bump(*scopes, *page_cache.home_scopes())


def _purge_moved(sender, instance, **kwargs):
    _purge_remembered(sender, instance)
    # The instance may hold pre-move translated url paths: read the page afresh.
    page_cache.purge_pages([Page.objects.get(pk=instance.pk)])


def _purge_site(sender, **kwargs):
    page_cache.purge_site()


def connect():
    page_published.connect(_purge_page, dispatch_uid="page_cache_published")
    page_unpublished.connect(_purge_page, dispatch_uid="page_cache_unpublished")
    pre_page_move.connect(_remember_scopes, dispatch_uid="page_cache_pre_move")
    post_page_move.connect(_purge_moved, dispatch_uid="page_cache_post_move")
    pre_delete.connect(_remember_scopes, dispatch_uid="page_cache_pre_delete")
    post_delete.connect(_purge_remembered, dispatch_uid="page_cache_post_delete")
    # A page that becomes private (or public) must not be answered from a copy cached while
    # it was the other way; restrictions also reach every page below the restricted one.
    for model in (SiteSettings, SocialLink, PageViewRestriction, Site):
        post_save.connect(_purge_site, sender=model, dispatch_uid=f"page_cache_{model.__name__}")
        post_delete.connect(
            _purge_site, sender=model, dispatch_uid=f"page_cache_del_{model.__name__}"
        )
