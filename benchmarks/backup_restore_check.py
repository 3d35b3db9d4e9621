"""Backup and restore, proved: seed the site in a fresh PostgreSQL database, add editorial
history (revisions, Chinese translations, drafts, an edited snippet, uploaded images with
renditions and a document), back it up with ``manage.py backup_site``, restore it with
``manage.py restore_site`` into another fresh, empty database and media directory, and
compare ``manage.py site_fingerprint`` of both: every table's row count and content hash,
every media file's hash.

    .venv/bin/python benchmarks/backup_restore_check.py

Loopback PostgreSQL only, in its own databases (tsinghua_med_backup_src / _dst), dropped
afterwards. Exit status 1 if anything differs.
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ops.local_stack import (  # noqa: E402
    manage,
    postgres_url,
    production_env,
    recreate_database,
    seed,
    start_services,
)

SOURCE, TARGET = "tsinghua_med_backup_src", "tsinghua_med_backup_dst"

EDITORIAL_WORK = r"""
import io
from django.core.files.images import ImageFile
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.models import Page
from wagtail.images import get_image_model
from wagtail.documents import get_document_model
from wagtail.snippets.models import get_snippet_models

pages = [p.specific for p in Page.objects.filter(depth__gt=1)]
for number, page in enumerate(pages):
    page.title_zh_hans = (page.title_zh_hans or page.title_en) + " · 修订"
    revision = page.save_revision()
    if number % 2 == 0:
        revision.publish()
    else:
        page.title_zh_hans = page.title_zh_hans + " · 草稿"
        page.save_revision()  # a draft on top of the published version
for number in range(2):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320 + number, 200), (100, 30 * number, 160)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title=f"Campus {number}", file=ImageFile(buffer, name=f"campus-{number}.png")
    )
    image.get_rendition("fill-160x100")
get_document_model().objects.create(
    title="Annual report", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="annual-report.pdf")
)
for model in get_snippet_models():
    snippet = model.objects.order_by("pk").first()
    field = next((f for f in ("name_zh_hans", "title_zh_hans") if hasattr(snippet, f)), None)
    if snippet is not None and field:
        setattr(snippet, field, (getattr(snippet, field) or "") + "（更新）")
        snippet.save()
print(len(pages), "pages revised")
"""

TAMPER = """
from wagtail.models import Revision
revision = Revision.objects.order_by("pk").last()
revision.content["title"] = "tampered"
revision.save(update_fields=["content"])
"""


def environment(database, media_root):
    return production_env(
        postgres_url(database), media_root.parent / "static", MEDIA_ROOT=str(media_root)
    )


def fingerprint(env):
    return json.loads(manage("site_fingerprint", env=env))


def compare(before, after):
    differences = []
    for table in sorted(set(before["tables"]) | set(after["tables"])):
        if before["tables"].get(table) != after["tables"].get(table):
            differences.append(
                f"table {table}: {before['tables'].get(table)} ≠ {after['tables'].get(table)}"
            )  # noqa: E501
    for name in sorted(set(before["media"]) | set(after["media"])):
        if before["media"].get(name) != after["media"].get(name):
            differences.append(f"media {name}")
    return differences


def main():
    start_services()
    work = Path(tempfile.mkdtemp(prefix="tsinghua-backup-"))
    source = environment(SOURCE, work / "media-source")
    target = environment(TARGET, work / "media-restored")
    try:
        recreate_database(SOURCE)
        seed(source)
        manage("shell", "-c", EDITORIAL_WORK, env=source)
        before = fingerprint(source)

        started = time.monotonic()
        manage("backup_site", str(work / "backup"), env=source)
        backup_seconds = time.monotonic() - started
        recreate_database(TARGET)  # fresh and empty: not even migrated
        started = time.monotonic()
        manage("restore_site", str(work / "backup"), "--yes", env=target)
        restore_seconds = time.monotonic() - started
        after = fingerprint(target)
        # Negative control: the comparison must notice a single changed revision.
        manage("shell", "-c", TAMPER, env=target)
        tampered = fingerprint(target)
    finally:
        for name in (SOURCE, TARGET):
            subprocess.run(  # noqa: S603 (fixed argument list)
                ["psql",  # noqa: S607 (Debian's postgresql-client on PATH) "-h", "127.0.0.1", "-U", "postgres", "-qc",
                 f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
                check=False, capture_output=True,
            )  # fmt: skip

    tables = before["tables"]
    rows = sum(t["rows"] for t in tables.values())
    sizes = {p.name: p.stat().st_size for p in (work / "backup").iterdir()}

    def rows_of(*names):
        return sum(tables[n]["rows"] for n in names if n in tables)

    differences = compare(before, after)
    print(f"tables compared: {len(tables)}, rows: {rows}, media files: {len(before['media'])}")
    print(
        f"pages: {rows_of('wagtailcore_page')}, revisions: {rows_of('wagtailcore_revision')}, "
        f"images: {rows_of('wagtailimages_image')}, renditions: "
        f"{rows_of('wagtailimages_rendition')}, documents: {rows_of('wagtaildocs_document')}"
    )
    print(f"backup: {backup_seconds:.1f} s, restore: {restore_seconds:.1f} s, files: {sizes}")
    print(f"differences after restore: {len(differences)}")
    control = compare(before, tampered)
    print(f"negative control (one revision edited after restore): {len(control)} difference")
    for line in differences[:20]:
        print("  ", line)
    return 1 if differences or len(control) != 1 else 0


if __name__ == "__main__":
    sys.exit(main())
