"""gunicorn with the production settings serves the site (static files via whitenoise)."""

import urllib.request

import pytest

from ops.local_stack import gunicorn, production_env, seed

pytestmark = pytest.mark.slow


def fetch(url):
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    # Loopback only, to the server this test started.
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.headers, response.read()


def test_gunicorn_serves_home_page_with_production_settings(tmp_path):
    env = production_env(f"sqlite:///{tmp_path / 'site.sqlite3'}", tmp_path / "static")
    seed(env)
    with gunicorn(env, workers=2) as base:
        status, headers, body = fetch(f"{base}/en/")
        assert status == 200
        assert b"Tsinghua Medicine" in body
        assert fetch(f"{base}/zh-hans/")[0] == 200
        # whitenoise serves the fingerprinted stylesheet the page links to.
        stylesheet = body.split(b'rel="stylesheet" href="')[1].split(b'"')[0].decode()
        assert stylesheet.startswith("/static/css/site.") and stylesheet.endswith(".css")
        css_status, css_headers, _ = fetch(f"{base}{stylesheet}")
        assert css_status == 200
        assert "max-age" in css_headers["Cache-Control"]
