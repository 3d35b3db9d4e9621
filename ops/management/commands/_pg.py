"""Connection arguments for the PostgreSQL client tools, from Django's database settings.
The password travels in the environment (PGPASSWORD), never on the command line."""

import os
import shutil

from django.conf import settings
from django.core.management.base import CommandError


def pg_args_and_env(alias="default"):
    db = settings.DATABASES[alias]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError("Backups need PostgreSQL (DATABASE_URL=postgres://…).")
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def client_tool(name):
    """Full path of pg_dump / pg_restore (Debian package postgresql-client)."""
    path = shutil.which(name)
    if not path:
        raise CommandError(f"{name} not found: install postgresql-client.")
    return path
