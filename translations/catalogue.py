"""The interface-strings catalogue (locale/zh_Hans/LC_MESSAGES/django.po): completeness check
and live reload after translators edit it in the admin.

Completeness: Django's own ``makemessages`` (GNU xgettext + msgmerge) is run over the source
tree into a *temporary copy* of the catalogue, so the check sees exactly what a developer's
``makemessages`` would add, without touching the repository's files.

Live reload: translators save through django-rosetta, which rewrites the .po and .mo files.
Each process of a running site keeps compiled catalogues in memory, so saving also bumps a
version stamp in the shared cache; ``CatalogueReloadMiddleware`` compares that stamp on every
request and, when it changed, drops this process's translation cache so the next
``activate()`` reads the new .mo. Every gunicorn worker of every instance therefore picks a
change up on its next request, provided they all read the same locale files (see
docs/editors.md: the locale directory on shared storage, or a redeploy of the edited .po).
"""

import contextlib
import gettext as gettext_module
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import polib
from django.conf import settings
from django.core.cache import cache
from django.core.management.commands import makemessages
from django.utils.translation import trans_real
from rosetta import signals as rosetta_signals

from .signals import catalogue_saved

LOCALE = "zh_Hans"
DOMAIN = "django"
# Directories makemessages must not scan (third-party code, build output, uploads).
IGNORE_PATTERNS = [".venv", "node_modules", "staticfiles", "media", "benchmarks/out"]
VERSION_CACHE_KEY = "interface-catalogue:version"


def locale_dir():
    return Path(settings.LOCALE_PATHS[0])


def catalogue_path(base=None, locale=LOCALE):
    return Path(base or locale_dir()) / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def incomplete_entries(po):
    """msgids without a usable Chinese translation (empty or fuzzy)."""
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]


class _MakeMessagesInto(makemessages.Command):
    """``makemessages`` that writes every catalogue into ``target`` instead of the repo."""

    def __init__(self, target, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = str(target)

    def find_files(self, root):
        files = super().find_files(root)
        for translatable in files:
            translatable.locale_dir = self.target
        return files

    def build_potfiles(self):
        self.locale_paths = [self.target]
        self.default_locale_path = self.target
        return super().build_potfiles()


def extracted_catalogue(source_root=None, locale=LOCALE):
    """The catalogue as ``makemessages -l zh_Hans`` would leave it, built in a temporary
    directory from a copy of the current one. Needs GNU gettext (xgettext, msgmerge)."""
    source_root = Path(source_root or settings.BASE_DIR)
    with tempfile.TemporaryDirectory(prefix="catalogue-check-") as tmp:
        target = Path(tmp) / "locale"
        current = catalogue_path(locale=locale)
        copy = catalogue_path(target, locale)
        copy.parent.mkdir(parents=True)
        if current.exists():
            shutil.copyfile(current, copy)
        command = _MakeMessagesInto(target)
        with contextlib.chdir(source_root):
            command.run_from_argv(
                [
                    "manage.py",
                    "makemessages",
                    "--locale",
                    locale,
                    "--verbosity",
                    "0",
                    *[f"--ignore={pattern}" for pattern in IGNORE_PATTERNS],
                ]
            )
        return polib.pofile(str(copy))


def missing_translations(source_root=None, locale=LOCALE):
    """msgids ``makemessages`` finds in the source that the catalogue does not translate."""
    return incomplete_entries(extracted_catalogue(source_root, locale))


# --- live reload -------------------------------------------------------------------------

_UNSEEN = object()
_seen_version = _UNSEEN
_checked_at = 0.0


def bump_catalogue_version(**kwargs):
    """Called after a translator saved the catalogue (rosetta's ``post_save`` signal)."""
    cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
    reload_translations()
    catalogue_saved.send(sender=bump_catalogue_version)


def reload_translations():
    """Forget this process's compiled catalogues; the next activate() rereads the .mo files.

    Only the caches are cleared, not the thread-local active translation: another thread of
    the same worker may be halfway through rendering a page in Chinese.
    """
    trans_real._translations = {}
    trans_real._default = None
    gettext_module._translations.clear()


def check_catalogue_version():
    """Reload this process's catalogues when the shared stamp changed. The stamp is read at
    most every ``CATALOGUE_CHECK_SECONDS`` (default 1 s): a Redis round trip costs ~0.1 ms,
    which a cached page view would otherwise pay on every request."""
    global _seen_version, _checked_at
    interval = getattr(settings, "CATALOGUE_CHECK_SECONDS", 1.0)
    now = time.monotonic()
    if _seen_version is not _UNSEEN and now - _checked_at < interval:
        return
    _checked_at = now
    version = cache.get(VERSION_CACHE_KEY)
    if version != _seen_version:
        if _seen_version is not _UNSEEN:
            reload_translations()
        _seen_version = version


class CatalogueReloadMiddleware:
    """Must run before the locale middleware activates the request's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        check_catalogue_version()
        return self.get_response(request)


def connect_rosetta():
    """Bump the version stamp whenever django-rosetta saved a catalogue."""
    rosetta_signals.post_save.connect(
        bump_catalogue_version, dispatch_uid="translations.catalogue.bump_version"
    )
