"""Stale-translation tracking: is the Chinese of a field still a translation of its English?

For every field registered with modeltranslation (pages, orderables, snippets, settings,
found generically) a ``TranslationSource`` row keeps the English value the Chinese was
written against. The rule:

* the anchor is (re)set to the current English whenever the Chinese of that field changes
  in a saved row or in a saved revision (a draft or a submission for review), and when a
  translator confirms the Chinese is still correct;
* the Chinese is *outdated* when it is filled in, the English is filled in, an anchor
  exists and the English no longer matches it.

Values are compared in their stored form (rich text as its HTML, StreamField as its JSON
without the block ids, which Wagtail may regenerate), so re-saving without a change never
makes anything outdated. Nothing here runs on a public page view: the receivers fire on
saves only.
"""

import difflib
import hashlib
import json
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.signals import post_save, pre_save
from django.utils.html import format_html, format_html_join, strip_tags
from modelcluster.models import get_all_child_relations
from modeltranslation.translator import NotRegistered, translator
from wagtail.fields import StreamField
from wagtail.models import Page, Revision

from . import i18n
from .models import TranslationSource

SOURCE = "en"
TARGET = "zh_hans"
# Derived by Wagtail from the slugs; never edited by hand.
DERIVED_FIELDS = {"url_path"}
# Identifiers rather than prose: reported when missing, never "outdated".
UNTRACKED_FIELDS = DERIVED_FIELDS | {"slug"}


def registered_models():
    return [m for m in translator.get_registered_models(abstract=False) if not m._meta.proxy]


def translated_fields(model):
    options = translator.get_options_for_model(model)
    # all_fields includes the inherited Page fields (title, slug, search description…).
    return [name for name in options.all_fields if name not in DERIVED_FIELDS]


@cache
def tracked_fields(model):
    """The fields whose Chinese can go out of date (empty for untranslated models; a page
    type that registered nothing itself still has Page's translated title)."""
    if model._meta.proxy or model._meta.abstract:
        return ()
    try:
        names = translated_fields(model)
    except NotRegistered:
        return ()
    return tuple(name for name in names if name not in UNTRACKED_FIELDS)


def content_type_id(obj):
    """Pages are keyed by their specific type, whichever class the instance was loaded as."""
    if isinstance(obj, Page) and obj.content_type_id:
        return obj.content_type_id
    return ContentType.objects.get_for_model(type(obj)).pk


# --- normalising and comparing values -------------------------------------------------


def _without_ids(data):
    if isinstance(data, dict):
        return {k: _without_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_without_ids(v) for v in data]
    return data


def normalise(model, name, value):
    """The stored form of an English or Chinese value, as one string."""
    if value is None:
        return ""
    model_field = model._meta.get_field(f"{name}_{SOURCE}")
    if isinstance(model_field, StreamField):
        prepared = model_field.get_prep_value(value)
        if isinstance(prepared, str):
            prepared = json.loads(prepared or "[]")
        return json.dumps(
            _without_ids(prepared), sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder
        )
    return str(value).replace("\r\n", "\n").strip()


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def readable(text):
    """What a translator reads of a stored value: the words, without markup or JSON."""
    if text.startswith("[") or text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return strip_tags(text)
        return " ".join(readable(leaf) for leaf in _string_leaves(data))
    return " ".join(strip_tags(text).replace("&nbsp;", " ").split())


def _string_leaves(data, key=None):
    if isinstance(data, dict):
        for k, v in data.items():
            if k != "type":
                yield from _string_leaves(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from _string_leaves(v, key)
    elif isinstance(data, str) and key not in {"type", "id"}:
        yield data


def word_diff(old, new):
    """HTML: the words removed (<del>) and added (<ins>) between two English texts."""
    before, after = readable(old).split(), readable(new).split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after).get_opcodes():
        if op == "equal":
            parts.append(("span", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("del", " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(("ins", " ".join(after[j1:j2])))
    return format_html_join(" ", "<{0}>{1}</{0}>", parts)


# --- anchors ----------------------------------------------------------------------------


def values_of(obj, name):
    return (
        normalise(type(obj), name, getattr(obj, f"{name}_{SOURCE}", None)),
        getattr(obj, f"{name}_{TARGET}", None),
    )


def set_anchors(obj, names, user=None):
    """Record the current English of ``names`` as what their Chinese was written against."""
    if not names or obj.pk is None:
        return
    ct_id = content_type_id(obj)
    rows = []
    for name in names:
        english, _chinese = values_of(obj, name)
        rows.append(
            TranslationSource(
                content_type_id=ct_id,
                object_id=str(obj.pk),
                field=name,
                source_hash=digest(english),
                source_text=english,
                confirmed_by=user,
            )
        )
    TranslationSource.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["content_type", "object_id", "field"],
        update_fields=["source_hash", "source_text", "confirmed_by", "updated_at"],
    )


def changed_chinese(obj, names, stored):
    """The fields whose Chinese is filled in and differs from ``stored`` (a dict of the saved
    Chinese values, or None for a new row)."""
    model = type(obj)
    changed = []
    for name in names:
        chinese = getattr(obj, f"{name}_{TARGET}", None)
        if i18n.is_empty(chinese):
            continue
        before = None if stored is None else stored.get(f"{name}_{TARGET}")
        if stored is None or normalise(model, name, before) != normalise(model, name, chinese):
            changed.append(name)
    return changed


def stored_chinese(model, pk, names):
    if pk is None:
        return None
    columns = [f"{name}_{TARGET}" for name in names]
    return model._default_manager.filter(pk=pk).values(*columns).first()


def before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    names = tracked_fields(sender)
    if not names:
        return
    if update_fields is not None:
        names = tuple(n for n in names if f"{n}_{TARGET}" in update_fields)
        if not names:  # e.g. Wagtail's own bookkeeping saves of a page's draft state
            instance._translation_changed = ()
            return
    instance._translation_changed = changed_chinese(
        instance, names, stored_chinese(sender, instance.pk, names)
    )


def after_save(sender, instance, **kwargs):
    changed = getattr(instance, "_translation_changed", None)
    if changed:
        set_anchors(instance, changed)
        instance._translation_changed = ()


def after_revision_save(sender, instance, created=False, raw=False, **kwargs):
    """A draft or submission whose Chinese differs from the saved row: its Chinese was
    written against the English of that revision (orderables included)."""
    if not created or raw:
        return
    try:
        obj = instance.as_object()
    except Exception:  # noqa: BLE001 - a revision of a model that no longer loads
        return
    for item in [obj, *children_of(obj)]:
        names = tracked_fields(type(item))
        if names and item.pk is not None:
            stored = stored_chinese(type(item), item.pk, names)
            if stored is not None:
                set_anchors(item, changed_chinese(item, names, stored))


def children_of(obj):
    items = []
    for relation in get_all_child_relations(obj):
        if tracked_fields(relation.related_model):
            items.extend(getattr(obj, relation.get_accessor_name()).all())
    return items


def connect():
    # Not per sender: a page type registered by no one still has Page's translated fields,
    # and a model added later is covered without touching this app.
    pre_save.connect(before_save, dispatch_uid="tm-stale-pre")
    post_save.connect(after_save, dispatch_uid="tm-stale-post")
    post_save.connect(after_revision_save, sender=Revision, dispatch_uid="tm-stale-revision")


# --- reading ----------------------------------------------------------------------------


def anchors_for(objects):
    """``{(content_type_id, object_id, field): TranslationSource}`` for these objects, in
    one query (``objects=None``: every anchor)."""
    rows = TranslationSource.objects.all()
    if objects is not None:
        keys = {(content_type_id(o), str(o.pk)) for o in objects if o.pk is not None}
        if not keys:
            return {}
        rows = rows.filter(
            content_type_id__in={k[0] for k in keys}, object_id__in={k[1] for k in keys}
        )
    return {(r.content_type_id, r.object_id, r.field): r for r in rows}


def outdated_source(obj, name, anchors, ct_id=None):
    """The anchor when the Chinese of ``obj.name`` is outdated, else None."""
    english, chinese = values_of(obj, name)
    if i18n.is_empty(chinese) or not english:
        return None
    ct_id = ct_id or content_type_id(obj)
    anchor = anchors.get((ct_id, str(obj.pk), name))
    if anchor is None or anchor.source_hash == digest(english):
        return None
    return anchor


def outdated_fields(obj, anchors=None):
    """``{field: (anchor, current English)}`` of one object's outdated Chinese."""
    if anchors is None:
        anchors = anchors_for([obj])
    found = {}
    for name in tracked_fields(type(obj)):
        anchor = outdated_source(obj, name, anchors)
        if anchor is not None:
            found[name] = (anchor, values_of(obj, name)[0])
    return found


def diff_html(anchor, english):
    return format_html(
        '<span class="translation-diff">{}</span>', word_diff(anchor.source_text, english)
    )
