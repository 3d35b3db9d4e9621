"""The production stack on loopback, for scripts that measure it: a seeded PostgreSQL
database, collected static files and gunicorn with the production settings.

Loopback only: every address here is 127.0.0.1.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_url(database):
    return f"{POSTGRES}/{database}"


def production_env(database_url, static_root, **extra):
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": tempfile.gettempdir(),
        "DJANGO_SETTINGS_MODULE": "tsinghua_med.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static_root),
        "GUNICORN_ACCESSLOG": "",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(*args, env):
    """Run a management command; return its output, or fail with its error output."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def start_services():
    subprocess.run(["bash", str(ROOT / ".ci" / "services")], check=True)


def recreate_database(name):
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def seed(env):
    """Migrate and load the site's content, as a deployment does."""
    manage("migrate", "--noinput", env=env)
    manage("update_translation_fields", env=env)
    manage("load_site_content", env=env)
    manage("collectstatic", "--noinput", env=env)


def wait_until_up(url, process, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("gunicorn exited before it answered") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@contextlib.contextmanager
def gunicorn(env, workers=None, probe="/en/", app="tsinghua_med.wsgi:application", started=None):
    """Run gunicorn with gunicorn.conf.py; yields its base URL. ``started``: a list the
    process is appended to (to read its workers' CPU time)."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    gunicorn_bin = Path(PYTHON).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn_bin), app, "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    if started is not None:
        started.append(process)
    try:
        wait_until_up(base + probe, process)
        yield base
    finally:
        process.terminate()
        try:
            # Workers finish their requests first (graceful_timeout, 20 s); keep-alive
            # connections can hold them to the end of it.
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
