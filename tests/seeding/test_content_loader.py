"""load_site_content: idempotent, and never overwrites an editor's work unless --force."""

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, Revision

from pages.models import StandardPage
from seeding.models import ContentRecord

pytestmark = pytest.mark.django_db


def row_counts():
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"pages", "strategy", "partnerships", "wagtailcore"}
    ]
    return {m._meta.label: m._default_manager.count() for m in models}


def load(**options):
    call_command("load_site_content", verbosity=0, **options)


def test_second_run_changes_nothing():
    before = row_counts()
    revisions = Revision.objects.count()
    load()
    assert row_counts() == before
    assert Revision.objects.count() == revisions


def test_edited_page_survives_a_rerun_and_force_restores_it():
    about = StandardPage.objects.get(pk=ContentRecord.objects.get(key="page:about").object_id)
    original = about.intro_en
    about.intro_en = "Edited by an editor."
    about.save_revision().publish()

    load()
    about.refresh_from_db()
    assert about.intro_en == "Edited by an editor."

    load(force=True)
    about.refresh_from_db()
    assert about.intro_en == original


def test_page_deleted_by_an_editor_is_not_recreated_without_force():
    key = "page:about"
    Page.objects.get(pk=ContentRecord.objects.get(key=key).object_id).delete()
    load()
    assert not StandardPage.objects.filter(pk=ContentRecord.objects.get(key=key).object_id).exists()
    load(force=True)
    assert StandardPage.objects.filter(pk=ContentRecord.objects.get(key=key).object_id).exists()


def test_changed_data_updates_an_untouched_page(monkeypatch):
    from pages import content_loader

    original = content_loader.read_data

    def changed():
        data = original()
        data["about"]["intro"]["zh_hans"] = "数据文件中的新导语。"
        return data

    monkeypatch.setattr(content_loader, "read_data", changed)
    load()
    about = StandardPage.objects.get(pk=ContentRecord.objects.get(key="page:about").object_id)
    assert about.intro_zh_hans == "数据文件中的新导语。"


def test_superuser_only_when_asked(monkeypatch, django_user_model):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    call_command("ensure_superuser", verbosity=0)
    assert not django_user_model.objects.filter(is_superuser=True).exists()
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "editor-in-chief")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-local-password")
    call_command("ensure_superuser", verbosity=0)
    call_command("ensure_superuser", verbosity=0)
    assert (
        django_user_model.objects.filter(username="editor-in-chief", is_superuser=True).count() == 1
    )
