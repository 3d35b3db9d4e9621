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

        manage(ROOT, env, "migrate", "--noinput")
        after = fingerprint(ROOT, env)

        # Every table keeps its rows; content tables are byte-for-byte the same. The content
        # records keep their table and rows; only the app label the serialiser names changed.
        assert set(after) >= set(before)
        assert {t: v["rows"] for t, v in after.items() if t in before} == {
            t: v["rows"] for t, v in before.items()
        }
        changed = {t for t in before if after[t]["sha256"] != before[t]["sha256"]}
        # Tables that gained columns since (issue 15: page images and alt text, the home
        # page's sections) hash differently; their rows are kept (counts above) and the
        # edited values are read back below.
        gained_columns = {
            "pages_homepage",
            "pages_standardpage",
            "strategy_strategicplanpage",
            "strategy_strategicgoalpage",
        }
        assert changed <= {"pages_contentrecord"} | gained_columns
        assert before["pages_contentrecord"]["rows"] > 20
        assert shell(ROOT, env, CHECK) == edited
        assert edited["about_zh"] == "关于清华医学（编辑修改）"

        # The loader still knows what it wrote: nothing is created or rewritten, and the
        # editor's change stays.
        report = manage(ROOT, env, "load_site_content", "-v", "2")
        # The About page gained an image in the data since, but the editor changed it: kept.
        assert "kept (edited in the admin)  page:about" in report
        # What is created is only what is new since (news and events, generated artwork);
        # what is updated only pages no one edited (they gain their images and sections).
        for line in report.splitlines():
            action, _, key = line.strip().rpartition("  ")
            if action.strip() == "created":
                assert key.startswith(("page:news", "page:events", "category:", "image:")), line
            if action.strip() == "updated":
                assert key.startswith(("page:home", "page:strategic-plan", "page:goal:")), line
        assert shell(ROOT, env, CHECK) == edited
