"""The project's catalogue cannot plant markup: no bare msgid shared with Django's or
Wagtail's catalogues (so it never overrides their admin strings), and no msgstr whose tags,
entities or placeholders differ from its msgid's, neither committed nor saved in the editor."""

import hashlib
from pathlib import Path

import django
import polib
import pytest
import wagtail
from django.conf import settings

from tests.translations.test_catalogue import _login, scratch_locale  # noqa: F401 (fixture)
from translations import catalogue, markup

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def package_msgids(package):
    root = Path(package.__file__).parent
    msgids = set()
    for po in root.rglob("locale/zh_Hans/LC_MESSAGES/*.po"):
        msgids |= {e.msgid for e in polib.pofile(str(po)) if not e.msgctxt and e.msgid}
    assert msgids, f"no zh_Hans catalogue found in {root}"
    return msgids


def test_no_bare_msgid_shared_with_django_or_wagtail():
    ours = {e.msgid for e in polib.pofile(str(CATALOGUE)) if not e.msgctxt and not e.obsolete}
    shared = ours & (package_msgids(django) | package_msgids(wagtail))
    assert shared == set(), "give these a context: {% translate 'X' context 'site' %}"


def test_shared_words_are_translated_in_their_site_context():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.pgettext("site", "Search") == "搜索"
        assert translation.pgettext("site", "Home") == "首页"


def test_every_committed_translation_keeps_its_markup():
    assert markup.catalogue_problems(polib.pofile(str(CATALOGUE))) == {}


@pytest.mark.parametrize(
    ("msgid", "msgstr", "ok"),
    [
        ("Search", "搜索", True),
        ("Search", "", True),
        ("Search", "<script>alert(1)</script>搜索", False),
        ("Search", "搜索<img src=x onerror=alert(1)>", False),
        ("Search", "搜索&lt;", False),
        ("Search", "搜索 <", False),
        ("Search: %(query)s", "搜索：%(query)s", True),
        ("Search: %(query)s", "搜索：%(other)s", False),
        ("Page {number}", "第 {number} 页", True),
        ("Page {number}", "第 {number} 页 {secret}", False),
        ('Read <a href="%(url)s">more</a>', '阅读<a href="%(url)s">更多</a>', True),
        ('Read <a href="%(url)s">more</a>', '阅读<a href="%(url)s" onclick="x()">更多</a>', False),
        ("Tom &amp; Jerry", "汤姆&amp;杰瑞", True),
        ("Tom &amp; Jerry", "汤姆和杰瑞", False),
    ],
)
def test_markup_differences(msgid, msgstr, ok):
    assert (markup.differences(msgid, msgstr) == []) is ok


def test_a_planted_catalogue_entry_is_caught(tmp_path):
    po = polib.pofile(str(CATALOGUE))
    entry = next(e for e in po if e.msgid == "Skip to content")
    entry.msgstr = "直达正文<script>alert(1)</script>"
    assert markup.catalogue_problems(po) == {"Skip to content": ["adds <script>", "adds </script>"]}


@pytest.mark.django_db
def test_the_editor_refuses_a_planted_script(client, django_user_model, scratch_locale):  # noqa: F811
    scratch_po = catalogue.catalogue_path(scratch_locale)
    before = hashlib.sha256(scratch_po.read_bytes()).hexdigest()
    entry = next(
        e for e in polib.pofile(str(scratch_po)) if e.msgctxt == "site" and e.msgid == "Search"
    )
    _login(client, django_user_model, "Translators")
    form_url = "/admin/interface-strings/files/project/zh-hans/0/?query=Search"
    field = f"m_{markup.rosetta_hash(entry)}"
    assert f'name="{field}"' in client.get(form_url).content.decode()
    response = client.post(form_url, {field: "搜索<script>alert(1)</script>"}, follow=True)
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    assert hashlib.sha256(scratch_po.read_bytes()).hexdigest() == before
    client.logout()
    assert "<script>alert(1)</script>" not in client.get("/zh-hans/").content.decode()
    # A plain wording change still saves.
    client.force_login(django_user_model.objects.get(username="translators"))
    response = client.post(form_url, {field: "搜索一下"})
    assert response.status_code == 302
    saved = polib.pofile(str(scratch_po))
    assert (
        next(e for e in saved if e.msgctxt == "site" and e.msgid == "Search").msgstr == "搜索一下"
    )
