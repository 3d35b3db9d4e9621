"""Production settings switched on by environment variables (docs/deployment.md)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from ops.db_routing import (
    PrimaryReplicaRouter,
    ReplicaForAnonymousReadsMiddleware,
    reads_from_replica,
)

BASE = str(settings.BASE_DIR)
ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "tsinghua_med.settings.production",
    "SECRET_KEY": "ops-settings-test-secret-key-0123456789abcdefghij",
    "ALLOWED_HOSTS": "medicine.example.edu",
    "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
}
PRINT = """
import json
from django.conf import settings
print(json.dumps({
    "storage": settings.STORAGES["default"]["BACKEND"],
    "storage_options": settings.STORAGES["default"].get("OPTIONS", {}),
    "databases": sorted(settings.DATABASES),
    "routers": settings.DATABASE_ROUTERS,
    "middleware": settings.MIDDLEWARE,
    "frontend_cache": sorted(settings.WAGTAILFRONTENDCACHE),
    "apps": settings.INSTALLED_APPS,
    "sessions": settings.SESSION_ENGINE,
    "sentry": __import__("sentry_sdk").get_client().is_active(),
}))
"""


def production_settings(**extra):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRINT],
        cwd=BASE,
        env={**ENV, **extra},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_use_local_media_primary_only_no_cdn_no_sentry():
    config = production_settings()
    assert config["storage"] == "django.core.files.storage.FileSystemStorage"
    assert config["databases"] == ["default"]
    assert config["routers"] == []
    assert config["frontend_cache"] == []
    assert config["sentry"] is False


def test_everything_switched_on_by_environment():
    config = production_settings(
        AWS_STORAGE_BUCKET_NAME="tsinghua-med-media",
        AWS_S3_ENDPOINT_URL="https://oss.example.edu",
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/tsinghua_med",
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:8080/purge",
        REDIS_URL="redis://127.0.0.1:6379/0",
        SENTRY_DSN="https://publickey@errors.example.edu/1",
    )
    assert config["storage"] == "storages.backends.s3.S3Storage"
    assert config["storage_options"]["bucket_name"] == "tsinghua-med-media"
    assert config["storage_options"]["file_overwrite"] is False
    assert config["databases"] == ["default", "replica"]
    assert config["routers"] == ["ops.db_routing.PrimaryReplicaRouter"]
    assert "ops.db_routing.ReplicaForAnonymousReadsMiddleware" in config["middleware"]
    assert config["frontend_cache"] == ["proxy"]
    # caching/cdn.py purges once per change; Wagtail's app would purge a second time.
    assert "wagtail.contrib.frontend_cache" not in config["apps"]
    assert config["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert config["sentry"] is True


@pytest.mark.parametrize(
    ("method", "path", "cookies", "replica"),
    [
        ("GET", "/en/", {}, True),
        ("HEAD", "/zh-hans/", {}, True),
        ("POST", "/en/", {}, False),
        ("GET", "/admin/pages/", {}, False),
        ("GET", "/en/", {"sessionid": "abc"}, False),
    ],
)
def test_only_anonymous_reads_go_to_the_replica(rf, method, path, cookies, replica):
    request = getattr(rf, method.lower())(path)
    request.COOKIES.update(cookies)
    seen = {}

    def view(request):
        seen["db"] = PrimaryReplicaRouter().db_for_read(None)
        return None

    ReplicaForAnonymousReadsMiddleware(view)(request)
    assert seen["db"] == ("replica" if replica else "default")
    assert PrimaryReplicaRouter().db_for_write(None) == "default"
    assert reads_from_replica.get() is False  # reset after the request


@pytest.mark.django_db
def test_cdn_purge_covers_both_language_urls_of_a_page():
    from urllib.parse import unquote

    from caching import cdn as cdn_purge
    from caching.generations import page_scopes
    from pages.models import StandardPage

    page = next(
        p for p in StandardPage.objects.all() if p.slug_zh_hans not in ("", None, p.slug_en)
    )
    urls = [unquote(url) for url in cdn_purge.urls_for_scopes(page_scopes(page))]
    # The Chinese URL with its own translated slug, not the English path re-prefixed.
    assert any("/en/" in url and url.rstrip("/").endswith(page.slug_en) for url in urls)
    assert any("/zh-hans/" in url and url.rstrip("/").endswith(page.slug_zh_hans) for url in urls)
