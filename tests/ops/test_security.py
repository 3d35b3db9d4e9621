"""Security headers, cookies, admin login protection and rich-text sanitising."""

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from pages.models import HomePage
from tests.support.helpers import PREFIX, clear_stream_fields, form_fields, soup

pytestmark = pytest.mark.django_db
PUBLIC_PATHS = [PREFIX["en"], PREFIX["zh_hans"]]
BASE = Path(settings.BASE_DIR)


def production_security_settings(monkeypatch):
    """The HTTPS-only settings exactly as tsinghua_med/settings/production.py defines them."""
    monkeypatch.setenv("SECRET_KEY", "header-test-secret-key-0123456789abcdefghijkl")
    importlib.reload(importlib.import_module("tsinghua_med.settings.base"))
    module = importlib.reload(importlib.import_module("tsinghua_med.settings.production"))
    names = [
        name
        for name in dir(module)
        if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_"))
        or name in ("CONTENT_SECURITY_POLICY", "X_FRAME_OPTIONS")
    ]
    return {name: getattr(module, name) for name in names}


def csp_directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_security_header_on_public_pages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_https_headers_and_redirect_with_production_settings(client, monkeypatch, path):
    with override_settings(**production_security_settings(monkeypatch)):
        redirect = client.get(path)
        assert redirect.status_code == 301
        assert redirect["Location"] == f"https://testserver{path}"
        secure = client.get(path, secure=True)
    assert secure.status_code == 200
    # No preload unless SECURE_HSTS_PRELOAD is set (tests/ops/test_production_defaults.py).
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "upgrade-insecure-requests" in secure["Content-Security-Policy"]
    assert secure["X-Content-Type-Options"] == "nosniff"


def test_proxy_header_marks_requests_secure_only_when_https(client, monkeypatch):
    with override_settings(**production_security_settings(monkeypatch)):
        assert client.get("/en/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
        assert client.get("/en/", HTTP_X_FORWARDED_PROTO="http").status_code == 301


def test_healthz_is_exempt_from_https_redirect(client, monkeypatch):
    with override_settings(**production_security_settings(monkeypatch)):
        assert client.get("/healthz").status_code == 200


def test_cookies_are_secure_httponly_and_samesite(client, django_user_model, monkeypatch):
    django_user_model.objects.create_user("editor", "e@example.com", "a-Long-pass-9876")
    with override_settings(**production_security_settings(monkeypatch)):
        client.get("/admin/login/", secure=True)
        response = client.post(
            "/admin/login/",
            {"username": "editor", "password": "a-Long-pass-9876"},
            secure=True,
        )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
    # Expires when the browser closes, and on the server after SESSION_COOKIE_AGE.
    assert response.cookies["sessionid"]["max-age"] == ""
    assert client.session.get_expiry_age() <= 12 * 60 * 60


def test_admin_has_its_own_policy_and_still_loads(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    # Wagtail's admin needs inline scripts/styles and frames its own previews.
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_have_no_inline_script_or_style(client, path):
    html = soup(client.get(path))
    scripts = html.find_all("script")
    assert scripts, "the page loads site.js"
    for script in scripts:
        if script.get("type") == "application/ld+json":
            continue  # structured data: never executed, so the CSP need not allow it
        assert script.get("src", "").startswith("/static/"), script
        assert not script.string or not script.string.strip()
    assert not html.find_all("style")
    for element in html.find_all(True):
        assert "style" not in element.attrs, element.name
        assert not [a for a in element.attrs if a.startswith("on")], element.name


# --- Admin login -------------------------------------------------------------------------


def login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_login_lockout_after_repeated_failures(client, django_user_model):
    django_user_model.objects.create_user("editor", "e@example.com", "right-Pass-4321")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "editor", "wrong").status_code == 200
    locked = login(client, "editor", "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "登录失败次数过多" in locked.content.decode()
    # Locked out even with the right password now.
    assert login(client, "editor", "right-Pass-4321").status_code == 429


def test_login_does_not_reveal_whether_a_user_exists(client, django_user_model):
    django_user_model.objects.create_user("editor", "e@example.com", "right-Pass-4321")
    known = login(client, "editor", "wrong-password")
    unknown = login(client, "nobody-here", "wrong-password")
    assert known.status_code == unknown.status_code == 200

    def errors(response):
        return [
            e.get_text(" ", strip=True)
            for e in soup(response).select(
                ".error-message, .help-critical, [role=alert], .messages li"
            )
        ]

    assert errors(known) and errors(known) == errors(unknown)
    # The lockout treats unknown names exactly like real ones.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "nobody-here", "x")
        login(client, "editor", "x")
    assert login(client, "nobody-here", "x").status_code == 429
    assert login(client, "editor", "x").status_code == 429


def test_password_reset_does_not_reveal_accounts(client, django_user_model):
    django_user_model.objects.create_user("editor", "e@example.com", "right-Pass-4321")
    known = client.post("/admin/password_reset/", {"email": "e@example.com"})
    unknown = client.post("/admin/password_reset/", {"email": "ghost@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_force_login_still_works_with_axes(admin_client):
    assert admin_client.get("/admin/").status_code == 200


def test_password_validators_reject_weak_passwords():
    assert len(settings.AUTH_PASSWORD_VALIDATORS) >= 4
    for weak in ("123", "password", "12345678901"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct-Horse-battery-42")


def test_admin_path_is_configurable():
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "tsinghua_med.settings.test",
        "WAGTAIL_ADMIN_PATH": "cms-backstage",
    }
    code = "from django.urls import reverse; print(reverse('wagtailadmin_home'))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip().endswith("/cms-backstage/"), result.stderr


# --- Rich text through the admin ---------------------------------------------------------


def contentstate_with_injection():
    text = 'Hi <script>alert(1)</script><style>*{}</style><iframe src="//evil"></iframe> link'
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": len(text) - 4, "length": 4, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": "javascript:alert(document.cookie)"},
                }
            },
        }
    )


@pytest.mark.parametrize("lang", ["en", "zh_hans"])
def test_rich_text_injected_through_the_admin_does_not_reach_the_page(admin_client, lang):
    # Sections emptied: the intro shows (and the form posts back as plain HTML fields).
    home = clear_stream_fields(HomePage.objects.get(), "body")
    edit_url = f"/admin/pages/{home.pk}/edit/"
    data = form_fields(admin_client.get(edit_url))
    data[f"intro_{lang}"] = contentstate_with_injection()
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Client().get(PREFIX[lang]).content.decode()  # a visitor, not the editor
    assert "Hi &lt;script&gt;alert(1)&lt;/script&gt;" in page  # the text arrived, escaped
    allowed = r"(?![^>]*\b(src=\"/static/|type=\"application/ld\+json\"))"
    assert not re.search(r"<(script|style|iframe)\b" + allowed, page)
    assert "alert(1)</script>" not in page  # nor breaking out of a JSON-LD block
    assert "javascript:" not in page


# --- Static analysis and dependency pins -------------------------------------------------


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_dependency_is_pinned(name):
    for line in (BASE / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-r "):
            assert re.match(r"^[A-Za-z0-9_.\-\[\]]+==[0-9][\w.]*$", line), line


def test_ruff_security_rules_are_selected():
    pyproject = (BASE / "pyproject.toml").read_text()
    select = re.search(r"select = \[(.*?)\]", pyproject).group(1)
    assert '"S"' in select
