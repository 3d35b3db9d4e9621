from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from . import cache_invalidation

        cache_invalidation.connect()
