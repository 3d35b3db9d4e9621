"""Back up the site: the database (pg_dump, custom format) and the media files (tar.gz),
with a manifest of SHA-256 checksums that restore_site verifies before touching anything.

    manage.py backup_site /backups/2026-11-24
"""

import datetime
import hashlib
import json
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from ._pg import matching_client_tool, pg_args_and_env

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and the media files into a directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, directory, **options):
        directory.mkdir(parents=True, exist_ok=True)
        args, env = pg_args_and_env()
        dump = directory / DATABASE_FILE
        # Custom format: compressed, restorable table by table, independent of owner names.
        subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            [
                matching_client_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *args,
                "--file",
                str(dump),
            ],
            env=env,
            check=True,
        )
        media_root = Path(settings.MEDIA_ROOT)
        media = directory / MEDIA_FILE
        with tarfile.open(media, "w:gz") as archive:
            if media_root.exists():
                archive.add(media_root, arcname="media")
        manifest = {
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "files": {name: sha256_of(directory / name) for name in (DATABASE_FILE, MEDIA_FILE)},
        }
        (directory / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2))
        self.stdout.write(f"Backed up to {directory}")
