"""Print a fingerprint of everything the site stores: for every table, its row count and a
SHA-256 of its rows (serialised in primary-key order), and a SHA-256 of every media file.
Two databases with equal fingerprints hold the same pages, revisions, translations,
snippets, images and documents. Used to prove a backup restores completely.

    manage.py site_fingerprint > before.json
"""

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand

from .backup_site import sha256_of


def table_fingerprints():
    result = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk")
        digest = hashlib.sha256(serializers.serialize("json", rows).encode()).hexdigest()
        result[model._meta.db_table] = {"rows": rows.count(), "sha256": digest}
    return result


def media_fingerprints():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): sha256_of(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


class Command(BaseCommand):
    help = "Print row counts and content hashes of every table and media file (JSON)."

    def handle(self, **options):
        self.stdout.write(
            json.dumps({"tables": table_fingerprints(), "media": media_fingerprints()}, indent=1)
        )
