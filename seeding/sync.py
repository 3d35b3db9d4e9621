"""Idempotent writing of the site's seed content.

Each object the loader owns is remembered in a ContentRecord under a stable key. A re-run
writes nothing when the data is unchanged, updates the object when the data file changed,
and leaves alone anything an editor has changed since (unless ``force``).
"""

import hashlib
import json
from collections import Counter
from html import escape

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import ContentRecord


def fingerprint(data):
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def translated(field, values):
    """``{"en": a, "zh_hans": b}`` -> ``{"field_en": a, "field_zh_hans": b}``."""
    return {f"{field}_{lang}": values[lang] for lang in ("en", "zh_hans")}


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def translated_paragraphs(field, values):
    return {f"{field}_{lang}": paragraphs_html(values[lang]) for lang in ("en", "zh_hans")}


class ContentSync:
    def __init__(self, force=False, log=None):
        self.force = force
        self.log = log or (lambda message: None)
        self.counts = Counter()

    # Public API ---------------------------------------------------------------------------

    def page(self, key, parent, model, fields, children=None, m2m=None):
        def create(obj):
            parent.add_child(instance=obj)

        return self._sync(key, model, fields, children or {}, m2m or {}, create, publish=True)

    def snippet(self, key, model, fields, children=None, m2m=None, publish=False, adopt=None):
        """``adopt``: an existing object to take over when the loader has no record yet
        (e.g. the site settings row Wagtail creates on first access)."""
        return self._sync(
            key, model, fields, children or {}, m2m or {}, lambda obj: obj.save(), publish, adopt
        )

    def get(self, key):
        record = ContentRecord.objects.filter(key=key).select_related("content_type").first()
        if record is None:
            return None
        model = record.content_type.model_class()
        return model._default_manager.filter(pk=record.object_id).first()

    def remember(self, key, obj):
        """Record an object the loader made itself (e.g. an image), so later runs find it
        with ``get`` / ``has_record`` instead of making another."""
        ContentRecord.objects.update_or_create(
            key=key,
            defaults={
                "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False),
                "object_id": obj.pk,
                "data_hash": "",
                "state_hash": "",
                "revision_id": None,
            },
        )
        self._done(key, "created", obj)

    def has_record(self, key):
        return ContentRecord.objects.filter(key=key).exists()

    # Internals ----------------------------------------------------------------------------

    @transaction.atomic
    def _sync(self, key, model, fields, children, m2m, create, publish, adopt=None):
        data = {
            "fields": fields,
            "children": children,
            "m2m": {k: sorted(o.pk for o in v) for k, v in m2m.items()},
        }
        data_hash = fingerprint(data)
        record = ContentRecord.objects.filter(key=key).first()
        obj = model._default_manager.filter(pk=record.object_id).first() if record else adopt

        if obj is None and record is not None and not self.force:
            return self._done(key, "kept deleted", None)
        if obj is not None and record is not None and not self.force:
            if record.data_hash == data_hash:
                return self._done(key, "unchanged", obj)
            if self._edited_since(record, obj, fields, children, m2m):
                return self._done(key, "kept (edited in the admin)", obj)

        created = obj is None or record is None
        if obj is None:
            obj = model()
        self._apply(obj, fields, children, m2m)
        if obj.pk is None:
            create(obj)
        else:
            obj.save()
        revision_id = self._publish(obj) if publish else None
        obj.refresh_from_db()

        ContentRecord.objects.update_or_create(
            key=key,
            defaults={
                "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False),
                "object_id": obj.pk,
                "data_hash": data_hash,
                "state_hash": self._state_hash(obj, fields, children, m2m),
                "revision_id": revision_id,
            },
        )
        return self._done(key, "created" if created else "updated", obj)

    def _apply(self, obj, fields, children, m2m):
        for name, value in fields.items():
            setattr(obj, name, value)
        for relation, rows in children.items():
            child_model = obj._meta.get_field(relation).related_model
            setattr(obj, relation, [child_model(**row) for row in rows])
        for relation, objects in m2m.items():
            setattr(obj, relation, objects)

    def _publish(self, obj):
        revision = obj.save_revision()
        revision.publish()
        return revision.pk

    def _edited_since(self, record, obj, fields, children, m2m):
        latest = getattr(obj, "latest_revision_id", None)
        if record.revision_id and latest and latest != record.revision_id:
            return True
        return self._state_hash(obj, fields, children, m2m) != record.state_hash

    def _state_hash(self, obj, fields, children, m2m):
        def row(instance, names):
            return {n: instance._meta.get_field(n).value_to_string(instance) for n in names}

        state = {"fields": row(obj, fields)}
        for relation, rows in children.items():
            names = sorted(rows[0]) if rows else []
            state[relation] = [row(child, names) for child in getattr(obj, relation).all()]
        for relation in m2m:
            state[relation] = sorted(getattr(obj, relation).values_list("pk", flat=True))
        return fingerprint(state)

    def _done(self, key, action, obj):
        self.counts[action] += 1
        self.log(f"{action:>28}  {key}")
        return obj
