"""The README's two commands, with nothing but Python 3.11 installed:

    python3 -m tsinghua_med start   # set up (.venv, requirements, database, content) and serve
    python3 -m tsinghua_med test    # run the whole test suite (extra args go to pytest)
    python3 -m tsinghua_med lint    # ruff check + format check + import rules
    python3 -m tsinghua_med bench   # page benchmarks on gunicorn + PostgreSQL (prints figures)
    python3 -m tsinghua_med lighthouse  # Lighthouse scores of the main pages (prints figures)

Standard library only: this runs before any requirement is installed.
"""

import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
ADMIN_PASSWORD_FILE = VENV / "dev-admin-password"


def run(*args, **kwargs):
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, **kwargs)


def ensure_virtualenv(requirements):
    """Create .venv and install requirements, skipping pip when nothing changed."""
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    files = [ROOT / "requirements.txt", ROOT / requirements]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{Path(requirements).stem}"
    if not stamp.exists() or stamp.read_text() != digest:
        run(PYTHON, "-m", "pip", "install", "--quiet", "-r", requirements)
        stamp.write_text(digest)


def manage(*args, env=None):
    run(PYTHON, "manage.py", *args, env=env)


def prepare_database(env):
    # Wagtail-modeltranslation's migrate adds Page's _en/_zh_hans columns; then the root
    # page needs its translated columns filled.
    manage("migrate", "--noinput", env=env)
    manage("update_translation_fields", env=env)
    manage("load_site_content", env=env)


def dev_admin(env):
    """A local superuser with a random password, kept in .venv (never in the repository)."""
    if not ADMIN_PASSWORD_FILE.exists():
        ADMIN_PASSWORD_FILE.write_text(secrets.token_urlsafe(12))
    password = ADMIN_PASSWORD_FILE.read_text().strip()
    manage(
        "ensure_superuser",
        env={**env, "DJANGO_SUPERUSER_USERNAME": "admin", "DJANGO_SUPERUSER_PASSWORD": password},
    )
    return password


def start(args):
    ensure_virtualenv("requirements.txt")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tsinghua_med.settings.dev"}
    prepare_database(env)
    password = dev_admin(env)
    address = args[0] if args else "127.0.0.1:8000"
    print(
        f"\n  Site:   http://{address}/  (English /en/, Chinese /zh-hans/)"
        f"\n  Admin:  http://{address}/admin/  user: admin  password: {password}"
        f"\n          (password kept in {ADMIN_PASSWORD_FILE.relative_to(ROOT)})\n",
        flush=True,
    )
    os.execv(PYTHON, [str(PYTHON), "manage.py", "runserver", address])


def system_packages():
    """Debian packages the tests use (chromium, gettext, psql): installed where we may."""
    if os.geteuid() == 0 and shutil.which("apt-get"):
        run("bash", ".ci/system-packages")
    else:
        print("Not root with apt-get: browser and gettext tests may skip.", flush=True)


def test(args):
    ensure_virtualenv("requirements-dev.txt")
    system_packages()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tsinghua_med.settings.test"}
    result = subprocess.run([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env)
    sys.exit(result.returncode)


def lint(args):
    ensure_virtualenv("requirements-dev.txt")
    for command in (["check", "."], ["format", "--check", "."]):
        run(VENV / "bin" / "ruff", *command, *args)
    # The one-way dependency layout between the apps (pyproject.toml, docs/architecture.md).
    run(VENV / "bin" / "lint-imports")


def bench(args):
    ensure_virtualenv("requirements-dev.txt")
    run("bash", ".ci/system-packages")  # wrk, psql
    run(PYTHON, "-m", "benchmarks.page_speed", *args)


def lighthouse(args):
    ensure_virtualenv("requirements-dev.txt")
    run("bash", ".ci/system-packages")  # chromium, psql
    run(PYTHON, "-m", "benchmarks.lighthouse_scores", *args)


def main():
    commands = {
        "start": start,
        "test": test,
        "lint": lint,
        "bench": bench,
        "lighthouse": lighthouse,
    }
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
