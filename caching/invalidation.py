"""Everything that purges cached pages, in one place (see generations.py for the scheme).

Page events (publish, unpublish, move, delete) and site-wide objects Wagtail owns (Sites,
view restrictions) are handled here. Other apps declare what their own models affect through
two registration points, called from their ``AppConfig.ready()``:

* ``purge_site_on_change(*models)``: the model shows on every page (site settings, footer
  links), so any save or delete purges the whole site;
* ``purge_pages_on_change(*models, pages=callable)``: the model shows only on the pages
  ``pages()`` returns (partners on the cooperation section), so a change purges their
  sections, in every language.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from translations.signals import catalogue_saved

from . import generations
from .generations import bump, home_scopes, page_scopes, shows_site_wide


def purge_site():
    bump(generations.SITE_SCOPE)


def purge_pages(pages):
    """Purge the sections of ``pages`` and the home page (its cards show other pages)."""
    scopes = set(home_scopes())
    for page in pages:
        if shows_site_wide(page):
            purge_site()
            return
        scopes |= page_scopes(page)
    bump(*scopes)


def purge_site_on_change(*models):
    for model in models:
        name = f"{model._meta.label_lower}"
        post_save.connect(_purge_site, sender=model, dispatch_uid=f"purge_site_save_{name}")
        post_delete.connect(_purge_site, sender=model, dispatch_uid=f"purge_site_del_{name}")


def purge_pages_on_change(*models, pages):
    """``pages``: a callable returning the pages that show these models."""

    def purge(**kwargs):
        purge_pages_in_sections(pages())

    for model in models:
        name = f"{model._meta.label_lower}"
        post_save.connect(purge, sender=model, dispatch_uid=f"purge_pages_save_{name}", weak=False)
        post_delete.connect(purge, sender=model, dispatch_uid=f"purge_pages_del_{name}", weak=False)
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                purge,
                sender=field.remote_field.through,
                dispatch_uid=f"purge_pages_m2m_{name}_{field.name}",
                weak=False,
            )


def purge_pages_in_sections(pages):
    """Purge the sections of ``pages`` only (not the home page)."""
    scopes = set()
    for page in pages:
        scopes |= page_scopes(page)
    if scopes:
        bump(*scopes)


# Scopes a page occupied before a move or deletion, keyed by page id.
_scopes_before = {}


def _purge_page(sender, instance, **kwargs):
    purge_pages([instance])


def _remember_scopes(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _scopes_before[instance.pk] = (page_scopes(instance), shows_site_wide(instance))


def _purge_remembered(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    scopes, site_wide = _scopes_before.pop(instance.pk, (set(), False))
    if site_wide:
        purge_site()
    else:
        bump(*scopes, *home_scopes())


def _purge_moved(sender, instance, **kwargs):
    _purge_remembered(sender, instance)
    # The instance may hold pre-move translated url paths: read the page afresh.
    purge_pages([Page.objects.get(pk=instance.pk)])


def _purge_site(sender=None, **kwargs):
    purge_site()


def connect():
    page_published.connect(_purge_page, dispatch_uid="page_cache_published")
    page_unpublished.connect(_purge_page, dispatch_uid="page_cache_unpublished")
    pre_page_move.connect(_remember_scopes, dispatch_uid="page_cache_pre_move")
    post_page_move.connect(_purge_moved, dispatch_uid="page_cache_post_move")
    pre_delete.connect(_remember_scopes, dispatch_uid="page_cache_pre_delete")
    post_delete.connect(_purge_remembered, dispatch_uid="page_cache_post_delete")
    # A page that becomes private (or public) must not be answered from a copy cached while
    # it was the other way; restrictions also reach every page below the restricted one.
    purge_site_on_change(PageViewRestriction, Site)
    # Interface strings a translator changed show on every page.
    catalogue_saved.connect(_purge_site, dispatch_uid="page_cache_catalogue")
