"""Browser tests: Debian's chromium, driven by Playwright, against the site served by
gunicorn with the production settings and its own seeded database (PostgreSQL when
DATABASE_URL points at one, as in CI; else an SQLite file)."""

import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg
import pytest

from ops.local_stack import gunicorn, manage, production_env, seed

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EDITOR = "e2e-editor"


@dataclass
class Site:
    url: str
    username: str
    password: str
    env: dict  # the server's environment, for manage.py commands against its database


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def e2e_database_url(folder):
    """A database of its own, beside the one pytest-django uses."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        return f"sqlite:///{folder / 'e2e.sqlite3'}"
    config = dj_database_url.parse(configured)
    name = f"{config['NAME']}_e2e"
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return configured.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    password = secrets.token_urlsafe(16)
    # Purges reach every worker through Redis (as in production) when there is one, as in
    # CI; without it, one worker keeps the local-memory page cache coherent.
    redis_url = os.environ.get("REDIS_URL", "")
    env = production_env(
        e2e_database_url(folder),
        folder / "static",
        PAGE_CACHE_SECONDS="600",
        MEDIA_ROOT=str(folder / "media"),
        DJANGO_SUPERUSER_USERNAME=EDITOR,
        DJANGO_SUPERUSER_PASSWORD=password,
        **({"REDIS_URL": redis_url} if redis_url else {}),
    )
    seed(env)
    manage("ensure_superuser", env=env)
    with gunicorn(env, workers=2 if redis_url else 1) as url:
        yield Site(url, EDITOR, password, env)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: .ci/system-packages installs it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_page(browser, site, locale="en-GB", width=1280, height=900, javascript=True):
    context = browser.new_context(
        base_url=site.url,
        locale=locale,
        viewport={"width": width, "height": height},
        java_script_enabled=javascript,
    )
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.fixture
def visitor(browser, site):
    page = new_page(browser, site)
    yield page
    page.context.close()
