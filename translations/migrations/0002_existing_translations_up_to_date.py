"""Existing content starts up to date: every filled-in Chinese value is anchored to the
English it stands beside today. Reversing deletes the anchors."""

from django.db import migrations

from translations import stale


def anchor_existing(apps, schema_editor):
    source_model = apps.get_model("translations", "TranslationSource")
    content_type = apps.get_model("contenttypes", "ContentType")
    tables = set(schema_editor.connection.introspection.table_names())
    rows = {}
    for live_model in stale.registered_models():
        names = stale.tracked_fields(live_model)
        try:
            model = apps.get_model(live_model._meta.label)
        except LookupError:
            continue
        if not names or model._meta.db_table not in tables:
            continue
        fields = {f.name for f in model._meta.get_fields()}
        names = [n for n in names if {f"{n}_{stale.SOURCE}", f"{n}_{stale.TARGET}"} <= fields]
        ct, _created = content_type.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
        has_type = "content_type" in fields and model._meta.label != "contenttypes.ContentType"
        columns = ["pk"] + (["content_type_id"] if has_type else [])
        columns += [f"{n}_{lang}" for n in names for lang in (stale.SOURCE, stale.TARGET)]
        for values in model._default_manager.values(*columns):
            ct_id = values.get("content_type_id") or ct.pk
            for name in names:
                chinese = values[f"{name}_{stale.TARGET}"]
                if stale.i18n.is_empty(chinese):
                    continue
                english = stale.normalise(model, name, values[f"{name}_{stale.SOURCE}"])
                rows[(ct_id, str(values["pk"]), name)] = source_model(
                    content_type_id=ct_id,
                    object_id=str(values["pk"]),
                    field=name,
                    source_hash=stale.digest(english),
                    source_text=english,
                )
    source_model.objects.bulk_create(rows.values(), ignore_conflicts=True, batch_size=500)


def remove_anchors(apps, schema_editor):
    apps.get_model("translations", "TranslationSource").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_translation_sources"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(anchor_existing, remove_anchors)]
