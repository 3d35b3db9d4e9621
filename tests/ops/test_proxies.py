"""One TRUSTED_PROXY_COUNT decides the client's address for the API throttle and the login
lockout: a client cannot buy a fresh budget with a forged X-Forwarded-For, and visitors
behind the same proxy are not locked out together."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"  # the reverse proxy's address, as gunicorn sees it


@pytest.fixture(autouse=True)
def _fresh_counts(settings):
    settings.API_THROTTLE_RATE = "3/minute"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def proxies(settings):
    """Set TRUSTED_PROXY_COUNT for this test, for DRF as well (it caches its settings)."""
    from rest_framework.settings import api_settings

    def use(count):
        settings.TRUSTED_PROXY_COUNT = count
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}
        api_settings.reload()

    yield use
    api_settings.reload()


def api(client, forwarded, remote=PROXY):
    return client.get(
        "/api/v2/pages/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote
    ).status_code


def test_settings_drive_drf_and_axes():
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.TRUSTED_PROXY_COUNT
    assert settings.AXES_CLIENT_IP_CALLABLE == "ops.proxies.client_ip"


def test_without_proxies_a_forged_header_gets_no_fresh_budget(client, proxies):
    proxies(0)
    codes = [api(client, f"198.51.100.{n}", remote="203.0.113.9") for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_behind_one_proxy_the_last_hop_is_the_client(client, proxies):
    proxies(1)
    # The client forges the left part; the proxy appends the address it saw (203.0.113.7).
    codes = [api(client, f"198.51.100.{n}, 203.0.113.7") for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    # Another client behind the same proxy has its own budget.
    assert api(client, "203.0.113.8") == 200
    assert api(client, "1.2.3.4, 203.0.113.8") == 200


def login(client, password, forwarded, remote=PROXY):
    return client.post(
        "/admin/login/",
        {"username": "editor", "password": password},
        HTTP_X_FORWARDED_FOR=forwarded,
        REMOTE_ADDR=remote,
    )


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", "e@example.com", "right-Pass-4321")


def test_lockout_without_proxies_ignores_a_forged_header(client, editor, proxies):
    from axes.models import AccessAttempt

    proxies(0)
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong", f"198.51.100.{n}", remote="203.0.113.9")
    assert login(client, "right-Pass-4321", "198.51.100.99", "203.0.113.9").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_lockout_behind_a_proxy_is_per_client(client, editor, proxies):
    from axes.models import AccessAttempt

    proxies(1)
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong", f"198.51.100.{n}, 203.0.113.7")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    # The attacker stays locked out, whatever they forge on the left.
    assert login(client, "right-Pass-4321", "9.9.9.9, 203.0.113.7").status_code == 429
    # The editor, behind the same proxy, signs in.
    response = login(client, "right-Pass-4321", "203.0.113.8")
    assert response.status_code == 302, response.status_code


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "127.0.0.1"),
        ({"TRUSTED_PROXY_COUNT": "0"}, "127.0.0.1"),
        ({"TRUSTED_PROXY_COUNT": "1"}, "*"),
        ({"AXES_PROXY_COUNT": "2"}, "*"),
        ({"TRUSTED_PROXY_COUNT": "1", "FORWARDED_ALLOW_IPS": "10.0.0.0/8"}, "10.0.0.0/8"),
    ],
)
def test_gunicorn_trusts_forwarded_headers_only_from_proxies(environ, expected):
    root = Path(settings.BASE_DIR)
    code = "import runpy; print(runpy.run_path('gunicorn.conf.py')['forwarded_allow_ips'])"
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TRUSTED_PROXY_COUNT", "AXES_PROXY_COUNT", "FORWARDED_ALLOW_IPS")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={**clean, **environ},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, 0), ({"TRUSTED_PROXY_COUNT": "2"}, 2), ({"AXES_PROXY_COUNT": "1"}, 1)],
)
def test_trusted_proxy_count_from_the_environment(monkeypatch, environ, expected):
    for name in ("TRUSTED_PROXY_COUNT", "AXES_PROXY_COUNT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    from tsinghua_med.settings import base

    try:
        reloaded = importlib.reload(base)
        assert expected == reloaded.TRUSTED_PROXY_COUNT
        assert reloaded.REST_FRAMEWORK["NUM_PROXIES"] == expected
    finally:
        monkeypatch.undo()
        importlib.reload(base)
