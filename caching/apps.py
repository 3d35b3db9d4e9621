from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Caching")

    def ready(self):
        from ops import db_routing

        from . import cdn, generations, invalidation, routing

        invalidation.connect()
        routing.memoise_site_root_paths()
        cdn.connect()
        # After a committed purge, anonymous reads avoid a replica that may lag behind.
        generations.after_commit_hooks.append(lambda scopes: db_routing.note_write())
