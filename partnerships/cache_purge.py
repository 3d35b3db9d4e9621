"""Keep the page cache honest: partners and areas show only on the cooperation section
(its index and partner pages), so a change to one purges that section in every language.

Saving the row covers publish, unpublish, hide and reorder (DraftStateMixin writes the row
on publish); a draft only writes a revision, which changes nothing visitors see.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from pages import page_cache

from .models import CollaborationArea, CooperationIndexPage, Partner


def purge_cooperation_section(**kwargs):
    scopes = set()
    for page in CooperationIndexPage.objects.live():
        scopes |= page_cache.page_scopes(page)
    if scopes:
        page_cache.bump(*scopes)


def connect():
    for model in (Partner, CollaborationArea):
        name = model.__name__
        post_save.connect(purge_cooperation_section, sender=model, dispatch_uid=f"pc_save_{name}")
        post_delete.connect(purge_cooperation_section, sender=model, dispatch_uid=f"pc_del_{name}")
    m2m_changed.connect(
        purge_cooperation_section, sender=Partner.areas.through, dispatch_uid="pc_partner_areas"
    )
