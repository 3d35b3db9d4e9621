"""Restore a backup made by backup_site into the configured database and MEDIA_ROOT.

    manage.py restore_site /backups/2026-11-24 --yes

Checksums are verified first. The database objects are replaced (pg_restore --clean) in one
transaction: a restore that fails halfway leaves the database as it was. Media
files from the backup are written over the media directory (files added since stay)."""

import json
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ._pg import matching_client_tool, pg_args_and_env
from .backup_site import DATABASE_FILE, MANIFEST_FILE, MEDIA_FILE, sha256_of


class Command(BaseCommand):
    help = "Restore the database and media files from a backup_site directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, directory, yes, **options):
        manifest = json.loads((directory / MANIFEST_FILE).read_text())
        for name, expected in manifest["files"].items():
            if sha256_of(directory / name) != expected:
                raise CommandError(f"{name} does not match its checksum: not restoring.")
        if not yes:
            raise CommandError("This replaces the database. Run again with --yes.")
        args, env = pg_args_and_env()
        subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            [matching_client_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
             "--no-privileges", "--exit-on-error", "--single-transaction", *args,
             str(directory / DATABASE_FILE)],
            env=env,
            check=True,
        )  # fmt: skip
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(directory / MEDIA_FILE) as archive:
            members = [m for m in archive.getmembers() if m.name.startswith("media/")]
            for member in members:
                member.name = member.name.removeprefix("media/")
            # The "data" filter refuses absolute paths, "..", links out of the tree, devices.
            archive.extractall(media_root, members=[m for m in members if m.name], filter="data")
        self.stdout.write(f"Restored from {directory}")
