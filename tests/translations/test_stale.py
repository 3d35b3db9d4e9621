"""Stale translations: the Chinese of a field is *outdated* when its English changed after
the Chinese was written, on pages, orderables, snippets and settings alike; confirming or
editing the Chinese clears it; the report, the command, the edit form, the publish step and
the dashboard all say so."""

import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.models import Site
from wagtail.users.models import UserProfile

from pages.models import HomePage, SiteSettings, StandardPage
from strategy.models import KeyPriority
from tests.support.helpers import form_fields, soup, text_of
from translations import stale
from translations.models import TranslationSource
from translations.status import build_report

pytestmark = pytest.mark.django_db


def member(django_user_model, client, group_name, username=None):
    user = django_user_model.objects.create_user(
        username or group_name.lower(), f"{group_name.lower()}@example.com", "pw-test-123"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def outdated_keys(report=None):
    report = report or build_report()
    return {(type(o.owner).__name__, o.owner.pk, o.field) for o in report.outdated}


def site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def partner():
    return apps.get_model("partnerships", "Partner").objects.filter(live=True).first()


def run_status(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("translation_status", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def change_about_intro(text="The School of Medicine, rewritten in English."):
    about = StandardPage.objects.get(slug_en="about")
    about.intro_en = text
    about.save()
    return about


# --- detection --------------------------------------------------------------------------


def test_seeded_content_starts_up_to_date_with_anchors():
    assert build_report().outdated == []
    about = StandardPage.objects.get(slug_en="about")
    ct = ContentType.objects.get_for_model(StandardPage)
    anchor = TranslationSource.objects.get(content_type=ct, object_id=str(about.pk), field="intro")
    assert anchor.source_hash == stale.digest(
        stale.normalise(StandardPage, "intro", about.intro_en)
    )
    # Every kind of owner has anchors: pages, orderables, snippets, settings.
    labels = set(TranslationSource.objects.values_list("content_type__model", flat=True).distinct())
    assert {"standardpage", "keypriority", "partner", "sitesettings", "sociallink"} <= labels
    code, _out, _err = run_status()
    assert code == 0


def test_page_field_goes_outdated_when_english_changes():
    about = change_about_intro()
    report = build_report()
    assert ("StandardPage", about.pk, "intro_zh_hans") in outdated_keys(report)
    item = next(o for o in report.outdated if o.field == "intro_zh_hans")
    assert item.public and "<ins>" in str(item.diff) and "rewritten" in str(item.diff)
    assert report.counts["pages.StandardPage"].outdated == 1


def test_editing_the_chinese_clears_outdated():
    about = change_about_intro()
    about.intro_zh_hans = "医学院（新译）。"
    about.save()
    assert outdated_keys() == set()


def test_resaving_without_a_change_keeps_everything_up_to_date():
    about = StandardPage.objects.get(slug_en="about")
    about.save()  # StreamField body re-serialised; nothing changed
    about.save_revision().publish()
    assert outdated_keys() == set()


def test_orderable_field_is_reported_under_its_page():
    priority = KeyPriority.objects.select_related("page").first()
    priority.text_en = priority.text_en + " And a new clause."
    priority.save()
    assert (type(priority.page).__name__, priority.page_id, "text_zh_hans") in outdated_keys()


def test_snippet_field_goes_outdated_and_a_translators_draft_clears_it():
    item = partner()
    item.description_en = "A new English description."
    item.save()
    assert ("Partner", item.pk, "description_zh_hans") in outdated_keys()
    # A draft (revision) with new Chinese was written against the current English.
    item.description_zh_hans = "新的中文简介。"
    item.save_revision()
    assert ("Partner", item.pk, "description_zh_hans") not in outdated_keys()


def test_settings_and_their_orderables_go_outdated():
    settings = site_settings()
    settings.footer_text_en = "New footer text."
    settings.save()
    link = settings.social_links.first()
    link.label_en = link.label_en + " (new)"
    link.save()
    found = outdated_keys()
    assert ("SiteSettings", settings.pk, "footer_text_zh_hans") in found
    assert ("SiteSettings", settings.pk, "label_zh_hans") in found


def test_empty_chinese_is_missing_not_outdated():
    about = change_about_intro()
    StandardPage.objects.filter(pk=about.pk).update(intro_zh_hans="")
    report = build_report()
    assert outdated_keys(report) == set()
    assert (about.pk, "intro_zh_hans") in {(g.owner.pk, g.field) for g in report.gaps}


# --- the command ------------------------------------------------------------------------


def test_command_fails_on_outdated_public_content_unless_report_only():
    change_about_intro()
    code, out, err = run_status()
    assert code == 1
    assert "OUTDATED intro_zh_hans" in out and "1 outdated, 1 of them public" in err
    code, out, _err = run_status("--report-only")
    assert code == 0 and "OUTDATED intro_zh_hans" in out


# --- the report and confirm -------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading", "confirm"),
    [("en", "Outdated Chinese", "Still correct"), ("zh-hans", "中文已过时", "仍然正确")],
)
def test_report_shows_outdated_with_diff_and_confirm(
    admin_client, django_user_model, language, heading, confirm
):
    user = django_user_model.objects.get(username="root")
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    about = change_about_intro()
    response = admin_client.get("/admin/translation-status/")
    assert response.status_code == 200
    html = soup(response)
    assert heading in text_of(response)
    assert html.select_one('[data-testid="outdated-zh"]').get_text() == "1"
    row = html.select_one("tr[data-translation-outdated]")
    assert row.select_one(".translation-diff ins").get_text() and row.select_one("del")
    button = row.select_one('[data-testid="confirm-translation"]')
    assert button.get_text(strip=True) == confirm
    assert row.select_one("input[name=object_id]")["value"] == str(about.pk)


def confirm_data(obj, field):
    return {
        "content_type": stale.content_type_id(obj),
        "object_id": obj.pk,
        "field": field,
        "next": "/admin/translation-status/",
    }


def test_confirm_clears_outdated_and_records_who(client, django_user_model):
    about = change_about_intro()
    translator = member(django_user_model, client, "Translators")
    response = client.post("/admin/translation-status/confirm/", confirm_data(about, "intro"))
    assert response.status_code == 302 and response["Location"] == "/admin/translation-status/"
    assert outdated_keys() == set()
    anchor = TranslationSource.objects.get(object_id=str(about.pk), field="intro")
    assert anchor.confirmed_by == translator


def test_confirm_refuses_bad_input_and_other_roles(client, django_user_model, admin_client):
    about = change_about_intro()
    url = "/admin/translation-status/confirm/"
    good = confirm_data(about, "intro")
    bad = [
        {},
        {**good, "content_type": "abc"},
        {**good, "content_type": "999999"},
        {**good, "field": "slug"},
        {**good, "field": "hero_heading"},
        {**good, "object_id": "not-a-number"},
        {**good, "object_id": "1\x00"},
        {**good, "field": "intro\x00"},
    ]
    for data in bad:
        assert admin_client.post(url, data).status_code == 400, data
    assert admin_client.post(url, {**good, "object_id": "999999"}).status_code == 400
    assert admin_client.get(url).status_code == 405
    # An off-site "next" is ignored.
    response = admin_client.post(url, {**good, "next": "https://evil.example/"})
    assert response["Location"] == "/admin/translation-status/"
    # Editors may not change site settings, so they may not confirm them either.
    settings = site_settings()
    settings.footer_text_en = "Changed."
    settings.save()
    member(django_user_model, client, "Editors")
    # Wagtail answers "permission denied" in the admin with a redirect to the dashboard.
    response = client.post(url, confirm_data(settings, "footer_text"))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    client.logout()
    assert client.post(url, confirm_data(settings, "footer_text")).status_code == 302
    assert ("SiteSettings", settings.pk, "footer_text_zh_hans") in outdated_keys()


# --- the edit form, publish warnings, dashboard ----------------------------------------


def test_edit_form_marks_outdated_chinese_fields(admin_client):
    home = HomePage.objects.get()
    home.hero_heading_en = "A new hero heading"
    home.save_revision().publish()
    response = admin_client.get(f"/admin/pages/{home.pk}/edit/")
    html = soup(response)
    field = html.select_one('[name="hero_heading_zh_hans"]')
    assert field["data-translation-status"] == "outdated"
    note = html.select_one('[data-translation-outdated="hero_heading_zh_hans"]')
    assert note is not None and "A new hero heading" in note.get_text(" ")
    assert html.select_one('[name="hero_heading_en"]').get("data-translation-status") is None
    # The English field of an up-to-date field is not marked.
    assert html.select_one('[name="hero_text_zh_hans"]').get("data-translation-status") is None


def test_publishing_with_outdated_chinese_warns_but_publishes(client, django_user_model):
    home = HomePage.objects.get()
    member(django_user_model, client, "Moderators")
    edit_url = f"/admin/pages/{home.pk}/edit/"
    response = client.get(edit_url)
    assert "Before publishing or approving" not in text_of(response)
    data = form_fields(response)
    data["hero_heading_en"] = "Changed in English only"
    data["action-publish"] = "action-publish"
    response = client.post(edit_url, data, follow=True)
    home.refresh_from_db()
    assert home.hero_heading_en == "Changed in English only"  # a warning, not a block
    assert "Chinese outdated: Hero heading" in text_of(response)
    # Opening the edit view again (the publish/review step) repeats the warning.
    assert "Chinese outdated: Hero heading" in text_of(client.get(edit_url))


def test_dashboard_panel_counts_missing_and_outdated(admin_client):
    change_about_intro()
    StandardPage.objects.filter(slug_en="about").update(title_zh_hans="")
    html = soup(admin_client.get("/admin/"))
    panel = html.select_one('[data-testid="translation-dashboard"]')
    assert panel.select_one('[data-testid="dashboard-outdated-zh"]').get_text() == "1"
    assert panel.select_one('[data-testid="dashboard-missing-zh"]').get_text() == "1"
    assert panel.select_one('a[href="/admin/translation-status/?missing=zh_hans"]')


def test_report_query_count_is_bounded_with_outdated_items(
    admin_client, django_assert_max_num_queries
):
    for priority in KeyPriority.objects.all()[:8]:
        priority.text_en = priority.text_en + " More."
        priority.save()
    with django_assert_max_num_queries(32):
        response = admin_client.get("/admin/translation-status/")
    assert len(soup(response).select("tr[data-translation-outdated]")) == 8


def test_edit_form_marks_an_outdated_orderable_row(admin_client):
    priority = KeyPriority.objects.select_related("page").first()
    priority.text_en = priority.text_en + " And a new clause."
    priority.save()
    html = soup(admin_client.get(f"/admin/pages/{priority.page_id}/edit/"))
    marked = html.select('[data-translation-status="outdated"]')
    assert [field["name"] for field in marked] == [
        f"priorities-{index}-text_zh_hans"
        for index, row in enumerate(priority.page.priorities.all())
        if row.pk == priority.pk
    ]


def test_publishing_a_snippet_with_outdated_chinese_warns(client, django_user_model):
    item = partner()
    member(django_user_model, client, "Moderators")
    edit_url = f"/admin/snippets/partnerships/partner/edit/{item.pk}/"
    data = form_fields(client.get(edit_url))
    data["description_en"] = "A different English description."
    data["action-publish"] = "action-publish"
    response = client.post(edit_url, data, follow=True)
    item.refresh_from_db()
    assert item.description_en == "A different English description."
    assert "Chinese outdated: Short description" in text_of(response)


def test_data_migration_anchors_existing_content_and_reverses():
    migration = importlib.import_module(
        "translations.migrations.0002_existing_translations_up_to_date"
    )
    change_about_intro()
    # The functions only read the connection from the schema editor; SQLite cannot open a
    # real one inside the test's transaction.
    editor = SimpleNamespace(connection=connection)
    migration.remove_anchors(apps, editor)
    assert TranslationSource.objects.count() == 0
    migration.anchor_existing(apps, editor)
    # Whatever the English is when the migration runs counts as what the Chinese says.
    assert TranslationSource.objects.filter(field="intro").exists()
    assert build_report().outdated == []
