"""Connection arguments for the PostgreSQL client tools, from Django's database settings.
The password travels in the environment (PGPASSWORD), never on the command line."""

import os
import re
import shutil
import subprocess

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections


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


def tool_major_version(path):
    """12 … 17 from ``pg_dump --version`` ("pg_dump (PostgreSQL) 15.8 (Debian …)")."""
    output = subprocess.run(  # noqa: S603 - the client tool found above
        [path, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"\)\s+(\d+)", output)
    if not match:
        raise CommandError(f"Cannot read the version of {path}: {output.strip()!r}")
    return int(match.group(1))


def server_major_version(alias="default"):
    connection = connections[alias]
    connection.ensure_connection()
    return connection.pg_version // 10000


def matching_client_tool(name, alias="default"):
    """pg_dump / pg_restore, refusing one older than the server: pg_dump cannot dump a newer
    server at all, and a restore must be read by a tool that knows the dump's format."""
    path = client_tool(name)
    tool, server = tool_major_version(path), server_major_version(alias)
    if tool < server:
        raise CommandError(
            f"{name} is version {tool} but the database server is PostgreSQL {server}: "
            f"install postgresql-client-{server} (Docker image: build with "
            f"--build-arg PG_MAJOR={server}, see docs/deployment.md)."
        )
    return path
