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


# --- makemessages check ------------------------------------------------------------------

import hashlib  # noqa: E402
import shutil  # noqa: E402

import pytest  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.test import override_settings  # noqa: E402

from translations import catalogue  # noqa: E402

requires_gettext = pytest.mark.skipif(
    shutil.which("xgettext") is None and not __import__("os").environ.get("CI_REQUIRE_GETTEXT"),
    reason="GNU gettext missing: run `bash .ci/system-packages`",
)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@requires_gettext
def test_makemessages_would_add_nothing_untranslated():
    po = catalogue.catalogue_path()
    before = _digest(po)
    missing = catalogue.missing_translations()
    assert missing == [], (
        "makemessages finds interface strings without Chinese: run "
        "`manage.py makemessages -l zh_Hans --ignore=.venv --ignore=node_modules` and translate"
    )
    assert _digest(po) == before  # the check never writes to the repository


@requires_gettext
def test_checker_catches_a_planted_untranslated_string(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "planted.html").write_text(
        '{% load i18n %}<p>{% translate "Planted string nobody translated" %}</p>'
        '<p>{% translate "Skip to content" %}</p>'
    )
    (tmp_path / "planted.py").write_text(
        "from django.utils.translation import gettext_lazy as _\n"
        'LABEL = _("Planted Python label")\n'
    )
    missing = catalogue.missing_translations(source_root=tmp_path)
    assert "Planted string nobody translated" in missing
    assert "Planted Python label" in missing
    assert "Skip to content" not in missing  # already translated in the catalogue


# --- the catalogue editor (django-rosetta) in the admin -----------------------------------

ROSETTA_HOME = "/admin/interface-strings/files/project/"


def _login(client, django_user_model, group):
    user = django_user_model.objects.create_user(group.lower(), "x@example.com", "pw-test-123")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_catalogue_editor_is_for_translators_only(client, django_user_model):
    response = client.get(ROSETTA_HOME)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    _login(client, django_user_model, "Editors")
    # Refused: Wagtail turns the 403 into a redirect to the dashboard with a message.
    response = client.get(ROSETTA_HOME)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "/admin/interface-strings/" not in client.get("/admin/").content.decode()
    client.logout()
    _login(client, django_user_model, "Translators")
    response = client.get(ROSETTA_HOME)
    assert response.status_code == 200
    html = response.content.decode()
    assert "简体中文" in html and "zh_Hans/LC_MESSAGES/django.po" in html
    assert "rosetta-in-wagtail" in html and "data-wagtail-sidebar" in html  # admin frame
    # Django's and Wagtail's own catalogues (inside the installed packages) are off limits.
    response = client.get("/admin/interface-strings/files/third-party/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "/admin/interface-strings/files/project/" in client.get("/admin/").content.decode()


@pytest.fixture
def scratch_locale(tmp_path):
    """A copy of the catalogue for the test to change; the repository's stays untouched."""
    target = tmp_path / "locale"
    shutil.copytree(catalogue.locale_dir(), target)
    # django-rosetta also finds <project>/../locale by itself: hide the repository's copy.
    with override_settings(
        LOCALE_PATHS=[str(target)], ROSETTA_EXCLUDED_PATHS=[str(catalogue.locale_dir())]
    ):
        yield target
    catalogue.reload_translations()


@pytest.mark.django_db
def test_changing_a_string_in_the_editor_changes_the_rendered_page(
    client, django_user_model, scratch_locale
):
    repo_po = Path(f"{CATALOGUE}.po")  # not catalogue_path(): LOCALE_PATHS is the scratch copy
    before = _digest(repo_po)
    scratch_po = polib.pofile(str(catalogue.catalogue_path(scratch_locale)))
    original = next(e for e in scratch_po if e.msgid == "Skip to content")
    assert original.msgstr in client.get("/zh-hans/").content.decode()
    _login(client, django_user_model, "Translators")
    form_url = "/admin/interface-strings/files/project/zh-hans/0/"
    response = client.get(form_url, {"query": "Skip to content"})
    assert response.status_code == 200
    # django-rosetta names each input after this digest of the entry (not a security use).
    md5 = hashlib.md5(  # noqa: S324
        (original.msgid + original.msgstr + (original.msgctxt or "")).encode()
    ).hexdigest()
    assert f'name="m_{md5}"' in response.content.decode()
    response = client.post(form_url + "?query=Skip+to+content", {f"m_{md5}": "直达正文（新）"})
    assert response.status_code == 302
    client.logout()

    page = client.get("/zh-hans/").content.decode()
    assert "直达正文（新）" in page
    assert original.msgstr not in page
    assert _digest(repo_po) == before


@pytest.mark.django_db
@override_settings(CATALOGUE_CHECK_SECONDS=0)
def test_other_workers_pick_up_a_catalogue_saved_elsewhere(client, scratch_locale):
    """What a second gunicorn worker sees: the files change under it (another worker saved
    them), its in-memory catalogue is stale until the shared version stamp changes."""
    from django.core.cache import cache

    po_path = catalogue.catalogue_path(scratch_locale)
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgid == "Skip to content")
    old = entry.msgstr
    assert old in client.get("/zh-hans/").content.decode()  # loaded into this process

    entry.msgstr = "跳到正文（另一进程保存）"
    po.save(str(po_path))
    po.save_as_mofile(str(po_path.with_suffix(".mo")))
    assert old in client.get("/zh-hans/").content.decode()  # still the cached catalogue

    cache.set(catalogue.VERSION_CACHE_KEY, "saved-by-another-worker", timeout=None)
    assert "跳到正文（另一进程保存）" in client.get("/zh-hans/").content.decode()
