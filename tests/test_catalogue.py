"""Interface strings: every msgid has Chinese, and the committed .mo matches the .po."""

from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django"


def test_every_interface_string_has_a_chinese_translation():
    po = polib.pofile(f"{CATALOGUE}.po")
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert untranslated == []


def test_compiled_catalogue_is_up_to_date():
    po = polib.pofile(f"{CATALOGUE}.po")
    mo = polib.mofile(f"{CATALOGUE}.mo")

    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid}
    source = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in po
        if e.msgid and e.translated() and not e.obsolete and not e.fuzzy
    }
    assert compiled == source, "run: python manage.py compilemessages --ignore=.venv"
