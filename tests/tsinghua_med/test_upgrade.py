"""A site running the commit before the app split upgrades with ``migrate`` and loses
nothing: every page, revision, snippet, translation and content record survives.

The old code is taken from git (``git archive``), seeded, edited as an editor would, and
fingerprinted with its own ``site_fingerprint``; then this checkout migrates the same
database and fingerprints it again. On PostgreSQL when DATABASE_URL says so (as in CI),
otherwise on an SQLite file.
"""

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest

from ops.local_stack import postgres_url, recreate_database

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# The last commit with ContentRecord in pages and the operations code in tsinghua_med.
BEFORE_SPLIT = "49f6f10"
# Tables whose rows name apps or migrations, which the upgrade adds to by design.
BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission"}

EDIT = """
from pages.models import StandardPage
from partnerships.models import Partner
about = StandardPage.objects.get(slug_en="about")
about.title_zh_hans = "关于清华医学（编辑修改）"
about.save_revision().publish()
partner = Partner.objects.get(slug="johns-hopkins-university")
partner.description_en = partner.description_en + " Edited as a draft."
partner.save_revision()
"""

CHECK = """
import json
from pages.models import StandardPage
from partnerships.models import Partner
about = StandardPage.objects.get(slug_en="about")
partner = Partner.objects.get(slug="johns-hopkins-university")
print(json.dumps({
    "about_zh": about.title_zh_hans,
    "partner_draft": partner.latest_revision.content["description_en"],
    "partner_live": partner.description_en,
}))
"""


# Each table's serialised fields (by name), and each table's hash over a given set of them:
# a column added since (e.g. a new setting) changes the whole-row hash, not the old content.
FIELDS = """
import json
from django.apps import apps
print(json.dumps({
    m._meta.db_table: [f.name for f in [*m._meta.local_fields, *m._meta.local_many_to_many]]
    for m in apps.get_models(include_auto_created=True)
    if not m._meta.proxy and m._meta.managed
}))
"""
HASH_FIELDS = """
import hashlib, json
from django.apps import apps
from django.core import serializers
wanted = json.loads({fields!r})
out = {{}}
for model in apps.get_models(include_auto_created=True):
    table = model._meta.db_table
    if table in wanted:
        rows = model._base_manager.order_by("pk")
        data = serializers.serialize("json", rows, fields=wanted[table])
        out[table] = hashlib.sha256(data.encode()).hexdigest()
print(json.dumps(out))
"""


def old_checkout(target):
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", BEFORE_SPLIT],
        capture_output=True,
        check=False,
    )
    if archive.returncode:
        pytest.fail(f"commit {BEFORE_SPLIT} is not in this clone: {archive.stderr.decode()}")
    archive_file = Path(target) / "old.tar"
    archive_file.write_bytes(archive.stdout)
    with tarfile.open(archive_file) as tar:
        tar.extractall(Path(target) / "old", filter="data")
    return Path(target) / "old"


def manage(code_dir, env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=code_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def database_url(tmp):
    """A database of its own, named after the one pytest-django uses."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        return f"sqlite:///{tmp}/upgrade.sqlite3"
    name = configured.rsplit("/", 1)[-1] + "_upgrade"
    recreate_database(name)
    return postgres_url(name)


def shell(code_dir, env, code):
    """Run ``code`` in the project's shell; its last line of output, as JSON."""
    output = manage(code_dir, env, "shell", "--no-imports", "-c", code)
    return json.loads(output.strip().splitlines()[-1]) if code is CHECK else output


def fingerprint(code_dir, env):
    tables = json.loads(manage(code_dir, env, "site_fingerprint"))["tables"]
    return {name: value for name, value in tables.items() if name not in BOOKKEEPING}


# Areas gained a draft state after the split (partnerships 0004): existing ones must be live.
AREAS_LIVE = (
    "from partnerships.models import CollaborationArea; "
    "print(CollaborationArea.objects.filter(live=False).count())"
)


def test_site_of_the_previous_layout_upgrades_with_everything_intact():
    with tempfile.TemporaryDirectory(prefix="upgrade-") as tmp:
        old = old_checkout(tmp)
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": tmp,
            "DJANGO_SETTINGS_MODULE": "tsinghua_med.settings.dev",
            "DATABASE_URL": database_url(tmp),
            "MEDIA_ROOT": str(Path(tmp) / "media"),
            "LOG_LEVEL": "WARNING",
        }
        manage(old, env, "migrate", "--noinput")
        manage(old, env, "update_translation_fields")
        manage(old, env, "load_site_content")
        shell(old, env, EDIT)
        before = fingerprint(old, env)
        edited = shell(old, env, CHECK)

        old_fields = json.loads(shell(old, env, FIELDS).strip().splitlines()[-1])

        manage(ROOT, env, "migrate", "--noinput")
        after = fingerprint(ROOT, env)
        new_fields = json.loads(shell(ROOT, env, FIELDS).strip().splitlines()[-1])
        grown = {
            table: [name for name in fields if name != "id"]
            for table, fields in old_fields.items()
            if table in before and set(new_fields.get(table, [])) > set(fields)
        }
        old_content = json.loads(
            shell(ROOT, env, HASH_FIELDS.format(fields=json.dumps(grown))).strip().splitlines()[-1]
        )

        # Every table keeps its rows; content tables are byte-for-byte the same. The content
        # records keep their table and rows; only the app label the serialiser names changed.
        assert set(after) >= set(before)
        assert {t: v["rows"] for t, v in after.items() if t in before} == {
            t: v["rows"] for t, v in before.items()
        }
        # A table that gained columns is compared on its old columns.
        changed = {
            t for t in before if old_content.get(t, after[t]["sha256"]) != before[t]["sha256"]
        }
        assert changed <= {"pages_contentrecord"}
        # Existing areas stay live (areas gained a draft state since).
        assert shell(ROOT, env, AREAS_LIVE).strip().splitlines()[-1] == "0"
        assert before["pages_contentrecord"]["rows"] > 20
        assert shell(ROOT, env, CHECK) == edited
        assert edited["about_zh"] == "关于清华医学（编辑修改）"

        # The loader still knows what it wrote: the data files have changed since (the copy
        # review), so it updates what it owns, but keeps the page the editor changed.
        report = manage(ROOT, env, "load_site_content", "-v", "2")
        assert "kept (edited in the admin)  page:about" in report
        assert "created  page:about" not in report
        assert shell(ROOT, env, CHECK) == edited
