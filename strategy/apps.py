from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategic plan")

    def ready(self):
        from pages import home_sections
        from seeding import registry

        from . import content_loader, home

        registry.register(content_loader.load, order=20)
        home_sections.register(
            "strategic_goals",
            _("Strategic goals"),
            "strategy/home/goals.html",
            home.goals,
            more=home.plan,
        )
