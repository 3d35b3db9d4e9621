import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_med.settings.production")

django_application = get_wsgi_application()

# After Django is set up: the fast path applies the page cache's rules, which read settings
# and the apps' URL prefixes. It answers current cache hits before Django's handler runs.
from caching.fast_path import FastHits  # noqa: E402

application = FastHits(django_application)
