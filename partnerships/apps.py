"""The partnerships app, and what it registers with the generic apps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from editorial.groups import EDITORS, MODERATORS, TRANSLATORS

_EDIT = [
    "partnerships.add_partner",
    "partnerships.change_partner",
    "partnerships.lock_partner",
    "partnerships.add_collaborationarea",
    "partnerships.change_collaborationarea",
    "partnerships.lock_collaborationarea",
]


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")
    # Translators change existing text only: no add, no delete, no publish. Partners and
    # areas have drafts and go through the Moderators approval workflow, so an editor's or
    # translator's change waits for a moderator.
    editorial_grants = {
        EDITORS: _EDIT,
        TRANSLATORS: ["partnerships.change_partner", "partnerships.change_collaborationarea"],
        MODERATORS: _EDIT
        + [
            "partnerships.publish_partner",
            "partnerships.unlock_partner",
            "partnerships.delete_partner",
            "partnerships.publish_collaborationarea",
            "partnerships.unlock_collaborationarea",
            "partnerships.delete_collaborationarea",
        ],
    }

    def ready(self):
        from caching import invalidation
        from pages import api, home_sections
        from pages.models import HomePage
        from search import sources
        from seeding import registry

        from . import content_loader, home
        from .api import PartnersAPIViewSet
        from .models import CollaborationArea, CooperationIndexPage, Partner

        # Partners and areas show on the cooperation section (its index and partner pages)
        # and in the home page's partners section. Saving the row covers publish, unpublish,
        # hide and reorder (DraftStateMixin writes the row on publish); a draft only writes a
        # revision, which changes nothing visitors see.
        invalidation.purge_pages_on_change(
            Partner,
            CollaborationArea,
            pages=lambda: [*CooperationIndexPage.objects.live(), *HomePage.objects.live()],
        )
        sources.register(
            sources.SearchSource(
                kind="partner",
                label=_("Partner"),
                queryset=Partner.objects.public,
                url_finder=CooperationIndexPage.partner_url_finder,
                title_field="name",
            )
        )
        api.register_endpoint("partners", PartnersAPIViewSet)
        registry.register(content_loader.load, order=30)
        home_sections.register(
            "featured_partners",
            _("Partners"),
            "partnerships/home/partners.html",
            home.featured_partners,
            more=home.cooperation,
        )
