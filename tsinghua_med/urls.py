from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ops.health import healthz
from pages import sitemap
from search import views as search_views

from .api import api_router, localized_api_router

# A lost database connection answers a bilingual 503 instead of a 500 (ops/outage.py).
handler500 = "ops.outage.server_error"
# noindex, no canonical or hreflang (ops/not_found.py).
handler404 = "ops.not_found.page_not_found"

urlpatterns = [
    # Outside the language prefixes: crawlers ask for them at the root.
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("robots.txt", sitemap.robots_txt, name="robots_txt"),
    # Read-only API: /api/v2/pages/?lang=zh-hans (also under /en/ and /zh-hans/ below).
    path("api/v2/", api_router.urls),
    # Outside the language prefix, for load balancers; exempt from the HTTPS redirect.
    path("healthz", healthz, name="healthz"),
    path(settings.WAGTAIL_ADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    # A local production-like stack (benchmarks, Lighthouse) has no proxy or object storage
    # in front of /media/; real deployments serve it there (docs/deployment.md).
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# Every public page lives under its language prefix: /en/… and /zh-hans/…
urlpatterns += i18n_patterns(
    # Before Wagtail's catch-all page route.
    path("search/", search_views.search, name="search"),
    path("api/v2/", localized_api_router.urls),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
