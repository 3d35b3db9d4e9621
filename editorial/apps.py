from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial roles")

    def ready(self):
        from seeding import registry

        from . import display_names, roles

        # First of all seeding steps: groups and the workflow exist before any content.
        registry.register(roles.seed_roles, order=0)
        roles.install_page_deletion_rule()
        display_names.install()
