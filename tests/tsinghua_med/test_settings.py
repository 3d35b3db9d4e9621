"""Production settings: refuse to run without a secret; `check --deploy` is clean."""

import os
import subprocess
import sys

from django.conf import settings

BASE = str(settings.BASE_DIR)
PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "tsinghua_med.settings.production",
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-for-tests",
    "ALLOWED_HOSTS": "medicine.example.edu",
    "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_has_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_url_selects_postgres_through_psycopg():
    import dj_database_url

    config = dj_database_url.parse("postgres://user:pw@db.internal:5432/tsinghua_med")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["HOST"] == "db.internal"
