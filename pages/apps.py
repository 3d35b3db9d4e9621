from django.apps import AppConfig
from django.utils.translation import pgettext_lazy

from editorial.groups import MODERATORS


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = pgettext_lazy("site", "Pages")
    # Page permissions come from the page tree (editorial.roles); settings are models.
    # Site settings (footer, contact e-mail, social links) go live on save, with no draft or
    # review, so only moderators change them.
    editorial_grants = {
        MODERATORS: ["pages.change_sitesettings"],
    }

    def ready(self):
        from caching import invalidation
        from seeding import registry

        from . import content_loader
        from .models import SiteSettings, SocialLink

        # Settings and footer links show on every page.
        invalidation.purge_site_on_change(SiteSettings, SocialLink)
        registry.register(content_loader.load_site, order=10)
        # Last: the home page cards point at pages other apps create.
        registry.register(content_loader.link_home_sections, order=90)
