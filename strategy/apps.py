from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategic plan")

    def ready(self):
        from seeding import registry

        from . import content_loader

        registry.register(content_loader.load, order=20)
