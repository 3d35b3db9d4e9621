"""gunicorn with the production settings serves the site (static files via whitenoise)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
pytestmark = pytest.mark.slow


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    # Loopback only, to the server this test started.
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.headers, response.read()


def test_gunicorn_serves_home_page_with_production_settings(tmp_path):
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "tsinghua_med.settings.production",
        "SECRET_KEY": "gunicorn-smoke-test-secret-key-0123456789abcdef",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESSLOG": "",
    }
    python = sys.executable
    for args in (
        ["migrate", "--noinput"],
        ["update_translation_fields"],
        ["load_site_content"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run(
            [python, "manage.py", *args], cwd=BASE, env=env, check=True, capture_output=True
        )
    gunicorn = Path(python).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "tsinghua_med.wsgi:application", "--config", "gunicorn.conf.py"],
        cwd=BASE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                status, headers, body = fetch(f"http://127.0.0.1:{port}/en/")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"gunicorn exited: {server.stderr.read().decode()[-2000:]}")
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        assert status == 200
        assert b"Tsinghua Medicine" in body
        assert fetch(f"http://127.0.0.1:{port}/zh-hans/")[0] == 200
        # whitenoise serves the fingerprinted stylesheet the page links to.
        stylesheet = body.split(b'rel="stylesheet" href="')[1].split(b'"')[0].decode()
        assert stylesheet.startswith("/static/css/site.") and stylesheet.endswith(".css")
        css_status, css_headers, _ = fetch(f"http://127.0.0.1:{port}{stylesheet}")
        assert css_status == 200
        assert "max-age" in css_headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=10)
