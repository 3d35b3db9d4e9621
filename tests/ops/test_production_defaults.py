"""Production defaults: HSTS preload only on request, the site's address from the
environment, 404 pages search engines ignore, HEAD /healthz, no browsable API, no static
manifest over HTTP, the admin CSP, backups with a matching pg_dump, the Docker image."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.test import override_settings

from tests.support.helpers import soup

BASE = Path(settings.BASE_DIR)
ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "tsinghua_med.settings.production",
    "SECRET_KEY": "production-defaults-test-secret-key-0123456789abcdef",
    "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
}
PRINT = """
import json
from django.conf import settings
print(json.dumps({
    "preload": settings.SECURE_HSTS_PRELOAD,
    "admin_base": settings.WAGTAILADMIN_BASE_URL,
    "api_base": settings.WAGTAILAPI_BASE_URL,
    "site_url": settings.SITE_URL,
    "browsable": settings.API_BROWSABLE,
}))
"""


def production_settings(**environ):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + PRINT],
        cwd=BASE,
        env={**ENV, **environ},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hsts_preload_is_opt_in():
    assert production_settings()["preload"] is False
    assert production_settings(SECURE_HSTS_PRELOAD="true")["preload"] is True


def test_site_address_from_the_environment():
    values = production_settings(SITE_URL="https://medicine.example/")
    assert values["site_url"] == "https://medicine.example"
    assert values["admin_base"] == "https://medicine.example"
    assert values["api_base"] == "https://medicine.example"
    assert production_settings()["browsable"] is False
    separate = production_settings(
        SITE_URL="https://medicine.example", WAGTAILADMIN_BASE_URL="https://cms.example"
    )
    assert separate["admin_base"] == "https://cms.example"


@pytest.mark.django_db
def test_the_site_and_api_urls_follow_site_url(client, settings):
    from wagtail.models import Site

    from pages.content_loader import _site

    settings.SITE_URL = "https://medicine.example"
    settings.WAGTAILAPI_BASE_URL = "https://medicine.example"
    site = Site.objects.get(is_default_site=True)
    _site(site.root_page)
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("medicine.example", 443)
    Site.clear_site_root_paths_cache()
    data = client.get("/api/v2/pages/", {"lang": "zh-hans"})
    item = data.json()["items"][0]
    assert item["meta"]["html_url"].startswith("https://medicine.example/zh-hans/")
    assert item["meta"]["detail_url"].startswith("https://medicine.example/api/v2/pages/")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/no-such-page/", "/zh-hans/no-such-page/"])
def test_404_pages_are_noindex_without_canonical_or_hreflang(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = soup(response)
    assert html.select_one('meta[name="robots"]')["content"].startswith("noindex")
    assert html.select_one('link[rel="canonical"]') is None
    assert html.select('link[rel="alternate"][hreflang]') == []
    assert html.select_one('meta[property="og:url"]') is None
    assert html.select_one("h1").get_text(strip=True) in ("Page not found", "页面未找到")


@pytest.mark.django_db
def test_a_real_page_still_has_canonical_and_hreflang(client):
    html = soup(client.get("/en/"))
    assert html.select_one('link[rel="canonical"]')
    assert len(html.select('link[rel="alternate"][hreflang]')) == 3
    assert html.select_one('meta[name="robots"]') is None


@pytest.mark.django_db
def test_head_healthz(client):
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response.content == b""
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_no_browsable_api_unless_asked(client, settings):
    settings.API_BROWSABLE = False
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    assert client.get("/api/v2/pages/?format=api", follow=True).status_code == 404
    settings.API_BROWSABLE = True
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("text/html")


def test_static_manifest_is_not_served(tmp_path):
    from ops.static_files import StaticFilesMiddleware

    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.abc123.css").write_text("body{}")
    (tmp_path / "staticfiles.json").write_text('{"paths": {}}')
    with override_settings(STATIC_ROOT=str(tmp_path), WHITENOISE_AUTOREFRESH=False):
        middleware = StaticFilesMiddleware(lambda request: None)
    assert "/static/css/site.abc123.css" in middleware.files
    assert "/static/staticfiles.json" not in middleware.files
    assert middleware.find_file("/static/staticfiles.json") is None


@pytest.mark.django_db
def test_admin_csp_strict_for_anonymous_screens(admin_client):
    from django.test import Client

    client = Client()  # anonymous (admin_client is pytest-django's client, signed in)

    def script_src(response):
        header = response["Content-Security-Policy"]
        return re.search(r"script-src ([^;]*)", header).group(1).split()

    for path in ("/admin/login/", "/admin/password_reset/"):
        response = client.get(path)
        assert response.status_code == 200
        assert script_src(response) == ["'self'"], path
        # Nothing inline would be blocked: only JSON data blocks.
        for script in soup(response).select("script:not([src])"):
            assert script.get("type") == "application/json", script
    # Signed-in editors' screens (date widgets, inline panels) still need inline scripts.
    assert "'unsafe-inline'" in script_src(admin_client.get("/admin/"))


# --- backups ---------------------------------------------------------------------------


def test_backup_refuses_a_pg_dump_older_than_the_server():
    from ops.management.commands import _pg

    with (
        mock.patch.object(_pg, "client_tool", return_value="/usr/bin/pg_dump"),
        mock.patch.object(_pg, "tool_major_version", return_value=15),
        mock.patch.object(_pg, "server_major_version", return_value=16),
        pytest.raises(CommandError, match="postgresql-client-16.*PG_MAJOR=16"),
    ):
        _pg.matching_client_tool("pg_dump")
    with (
        mock.patch.object(_pg, "client_tool", return_value="/usr/bin/pg_dump"),
        mock.patch.object(_pg, "tool_major_version", return_value=16),
        mock.patch.object(_pg, "server_major_version", return_value=15),
    ):
        assert _pg.matching_client_tool("pg_dump") == "/usr/bin/pg_dump"


def test_tool_version_is_read_from_the_real_binary():
    from ops.management.commands import _pg

    if not __import__("shutil").which("pg_dump"):
        pytest.skip("no PostgreSQL client here")
    assert 10 <= _pg.tool_major_version(_pg.client_tool("pg_dump")) < 100


def test_restore_runs_in_one_transaction(tmp_path):
    from django.core.management import call_command

    from ops.management.commands import restore_site
    from ops.management.commands.backup_site import sha256_of

    for name in ("database.dump", "media.tar.gz"):
        (tmp_path / name).write_bytes(b"")
    import tarfile

    with tarfile.open(tmp_path / "media.tar.gz", "w:gz"):
        pass
    files = {name: sha256_of(tmp_path / name) for name in ("database.dump", "media.tar.gz")}
    (tmp_path / "manifest.json").write_text(json.dumps({"files": files}))
    with (
        mock.patch.object(restore_site, "pg_args_and_env", return_value=(["--dbname", "x"], {})),
        mock.patch.object(restore_site, "matching_client_tool", return_value="pg_restore"),
        mock.patch.object(restore_site.subprocess, "run") as run,
        override_settings(MEDIA_ROOT=str(tmp_path / "media")),
    ):
        call_command("restore_site", str(tmp_path), "--yes", stdout=io.StringIO())
    command = run.call_args.args[0]
    assert "--single-transaction" in command and "--exit-on-error" in command


# --- the Docker image --------------------------------------------------------------------


def dockerfile():
    return (BASE / "Dockerfile").read_text()


def test_docker_image_has_a_pg_client_of_a_chosen_major_version():
    text = dockerfile()
    assert re.search(r"^ARG PG_MAJOR=15$", text, re.M)
    assert '"postgresql-client-${PG_MAJOR}"' in text
    assert 'pg_dump --version | grep -q "PostgreSQL) ${PG_MAJOR}\\."' in text


def test_docker_image_lets_the_app_write_only_locale_and_media():
    text = dockerfile()
    assert "COPY --chown" not in text  # the code stays root's
    chowns = re.findall(r"chown -R app:app ([^\n\\&]+)", text)
    assert [c.split() for c in chowns] == [["/app/locale", "/app/media"]]
    assert re.search(r"^USER app$", text, re.M)
