"""A translation may change words, never markup: its HTML tags, character entities and
placeholders must be those of its msgid.

Django treats the translation of a template string literal as safe (it is not escaped), and
a msgid shared with Django or Wagtail would be used in the admin too, so a msgstr carrying a
``<script>`` would run on the site or in every Chinese admin session. The catalogue editor
refuses such a msgstr (``check_posted_translations``, wired in admin_views.py) and the
catalogue test checks every entry of the committed .po (``catalogue_problems``)."""

import hashlib
import re
from collections import Counter

import polib

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_PLACEHOLDER = re.compile(
    r"%\([^)]*\)[#0 +-]*\d*(?:\.\d+)?[sdifr]|%[#0 +-]*\d*(?:\.\d+)?[sdifr]|\{[^{}\s]*\}"
)
# Anything that could start markup the patterns above did not recognise as the msgid's.
_ANGLE = re.compile(r"[<>]")


def markup(text):
    """The multiset of tags (whitespace-normalised), entities and placeholders in ``text``,
    plus stray angle brackets."""
    tags = [re.sub(r"\s+", " ", tag) for tag in _TAG.findall(text)]
    rest = _TAG.sub("", text)
    return Counter(
        [("tag", t) for t in tags]
        + [("entity", e) for e in _ENTITY.findall(text)]
        + [("placeholder", p) for p in _PLACEHOLDER.findall(rest)]
        + [("bracket", b) for b in _ANGLE.findall(rest)]
    )


def differences(msgid, msgstr):
    """What ``msgstr`` adds or drops compared with ``msgid``, as readable strings; empty when
    the markup is the same (an empty msgstr, i.e. untranslated, is fine)."""
    if not msgstr:
        return []
    source, translation = markup(msgid), markup(msgstr)
    added = [f"adds {text}" for (_kind, text) in (translation - source).elements()]
    dropped = [f"drops {text}" for (_kind, text) in (source - translation).elements()]
    return added + dropped


def entry_problems(entry, plural_id=None, msgstr=None):
    """Differences for one catalogue entry, with ``msgstr`` replacing its translation."""
    if plural_id is None:
        return differences(entry.msgid, entry.msgstr if msgstr is None else msgstr)
    source = entry.msgid if plural_id == 0 else entry.msgid_plural
    text = entry.msgstr_plural.get(plural_id, "") if msgstr is None else msgstr
    return differences(source, text)


def catalogue_problems(po):
    """{msgid: [differences]} for every entry of a parsed catalogue."""
    problems = {}
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            found = [p for i in entry.msgstr_plural for p in entry_problems(entry, int(i))]
        else:
            found = entry_problems(entry)
        if found:
            problems[entry.msgid] = found
    return problems


def rosetta_hash(entry):
    """django-rosetta names each form field ``m_<this>`` (``m_<this>_<n>`` for plurals)."""
    text = entry.msgid + entry.msgstr + (entry.msgctxt or "")
    return hashlib.md5(text.encode("utf8")).hexdigest()  # noqa: S324 (an id, not security)


_FIELD = re.compile(r"^m_([0-9a-f]+)(?:_([0-9]+))?$")


def posted_problems(po_paths, post):
    """{msgid: [differences]} for the translations a rosetta form POST would save."""
    entries = {rosetta_hash(entry): entry for path in po_paths for entry in polib.pofile(str(path))}
    problems = {}
    for name, value in post.items():
        match = _FIELD.match(name)
        if not match or match.group(1) not in entries:
            continue
        entry = entries[match.group(1)]
        plural_id = int(match.group(2)) if match.group(2) is not None else None
        found = entry_problems(entry, plural_id, value)
        if found:
            problems.setdefault(entry.msgid, []).extend(found)
    return problems
