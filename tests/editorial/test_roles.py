"""Editors, Translators and Moderators: seeded permissions and the moderation workflow,
exercised through the real admin views."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from editorial import roles
from pages.models import HomePage, StandardPage
from tests.support.helpers import clear_stream_fields, form_fields, soup

pytestmark = pytest.mark.django_db


def member(django_user_model, client, group_name, username=None):
    user = django_user_model.objects.create_user(
        username or group_name.lower(), f"{group_name.lower()}@example.com", "pw-test-123"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


@pytest.fixture
def about():
    return StandardPage.objects.get(slug_en="about")


@pytest.fixture
def home():
    # Its sections (a StreamField) emptied: the edit form posts back as plain HTML fields.
    return clear_stream_fields(HomePage.objects.get(), "body")


def page_permissions(name):
    return set(
        GroupPagePermission.objects.filter(group__name=name).values_list(
            "permission__codename", flat=True
        )
    )


def test_seed_is_idempotent_and_exact():
    roles.seed_roles()
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    roles.seed_roles()
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after
    assert Group.objects.filter(name__in=["Editors", "Translators", "Moderators"]).count() == 3
    assert page_permissions("Translators") == {"change_page"}
    assert "publish_page" not in page_permissions("Editors")
    assert "publish_page" in page_permissions("Moderators")


def test_every_page_is_under_the_moderation_workflow(about):
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    assert workflow.active and workflow.name == "Moderators approval"
    assert about.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


@pytest.mark.skipif(
    not apps.is_installed("partnerships") or "partner" not in apps.all_models["partnerships"],
    reason="partners not built yet",
)
def test_partner_permissions_by_role():
    def codes(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert {"add_partner", "change_partner"} <= codes("Editors")
    assert not {"delete_partner", "publish_partner"} & codes("Editors")
    assert "change_partner" in codes("Translators")
    assert not {"add_partner", "delete_partner", "publish_partner"} & codes("Translators")
    assert {"publish_partner", "delete_partner"} <= codes("Moderators")


@pytest.mark.skipif(
    not apps.is_installed("partnerships") or "partner" not in apps.all_models["partnerships"],
    reason="partners not built yet",
)
def test_partner_editing_by_role(client, django_user_model):
    partner_model = apps.get_model("partnerships", "Partner")
    partner = partner_model.objects.first()
    base = "/admin/snippets/partnerships/partner/"
    member(django_user_model, client, "Translators")
    html = client.get(f"{base}edit/{partner.pk}/").content.decode()
    assert 'name="name_zh_hans"' in html and 'name="action-publish"' not in html
    assert client.get(f"{base}add/").status_code in (302, 403)  # cannot create
    client.logout()
    member(django_user_model, client, "Editors")
    assert client.get(f"{base}add/").status_code == 200
    client.logout()
    member(django_user_model, client, "Moderators")
    html = client.get(f"{base}edit/{partner.pk}/").content.decode()
    assert 'name="action-publish"' in html


def test_translator_saves_a_draft_translation_but_cannot_publish(client, django_user_model, home):
    about = home
    member(django_user_model, client, "Translators")
    edit_url = f"/admin/pages/{about.pk}/edit/"
    response = client.get(edit_url)
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()

    data = form_fields(response)
    data["title_zh_hans"] = "关于清华医学（草稿）"
    response = client.post(edit_url, data)
    assert response.status_code == 302
    about.refresh_from_db()
    assert about.has_unpublished_changes
    assert about.get_latest_revision_as_object().title_zh_hans == "关于清华医学（草稿）"
    assert about.title_zh_hans != "关于清华医学（草稿）"  # the live page is unchanged

    # Asking for publication anyway saves a draft and publishes nothing.
    data["action-publish"] = "action-publish"
    data["title_zh_hans"] = "试图发布"
    client.post(edit_url, data)
    about.refresh_from_db()
    assert about.title_zh_hans != "试图发布"


def test_translator_cannot_delete(client, django_user_model, about):
    member(django_user_model, client, "Translators")
    edit_html = client.get(f"/admin/pages/{about.pk}/edit/").content.decode()
    assert f"/admin/pages/{about.pk}/delete/" not in edit_html  # no delete action offered
    # Wagtail answers "permission denied" with a redirect to the dashboard and a message.
    for method in (client.get, client.post):
        response = method(f"/admin/pages/{about.pk}/delete/")
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert StandardPage.objects.filter(pk=about.pk).exists()
    # Even a draft-only page, which Wagtail's "change" permission would let them delete.
    # pages/wagtail_hooks.py refuses it (without that hook this POST deletes the page).
    StandardPage.objects.filter(pk=about.pk).update(live=False)
    response = client.post(f"/admin/pages/{about.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert StandardPage.objects.filter(pk=about.pk).exists()


def test_editor_cannot_publish_but_can_submit(client, django_user_model, about):
    member(django_user_model, client, "Editors")
    response = client.get(f"/admin/pages/{about.pk}/edit/")
    html = response.content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


def test_translation_goes_live_after_moderator_approval(client, django_user_model, home):
    about = home
    member(django_user_model, client, "Translators")
    edit_url = f"/admin/pages/{about.pk}/edit/"
    data = form_fields(client.get(edit_url))
    data["title_zh_hans"] = "关于我们（新译）"
    data["action-submit"] = "action-submit"
    assert client.post(edit_url, data).status_code == 302
    about.refresh_from_db()
    task_state = about.current_workflow_task_state
    assert task_state is not None and about.title_zh_hans != "关于我们（新译）"

    moderator = member(django_user_model, client, "Moderators", username="mod")
    assert task_state.task.specific.user_can_access_editor(about, moderator)
    response = client.post(
        f"/admin/pages/workflow/action/{about.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    about.refresh_from_db()
    assert about.title_zh_hans == "关于我们（新译）"
    assert about.live and not about.has_unpublished_changes
    # Revision history records both steps.
    assert about.revisions.count() >= 2
    history = client.get(f"/admin/pages/{about.pk}/history/")
    assert history.status_code == 200


def test_moderator_sees_publish_and_scheduling(client, django_user_model, about):
    member(django_user_model, client, "Moderators")
    html = client.get(f"/admin/pages/{about.pk}/edit/").content.decode()
    assert 'name="action-publish"' in html
    assert 'name="go_live_at"' in html  # scheduled publishing


def test_site_settings_are_for_moderators_only(client, django_user_model):
    """Settings go live on save with no review (footer links, contact e-mail): only
    moderators change them; translators and editors are refused."""
    for role in ("Translators", "Editors"):
        member(django_user_model, client, role)
        response = client.get("/admin/settings/pages/sitesettings/")
        assert response.status_code == 302 and response["Location"] == "/admin/"
        client.logout()
    member(django_user_model, client, "Moderators")
    response = client.get("/admin/settings/pages/sitesettings/", follow=True)
    assert response.status_code == 200
    assert soup(response).select_one('[name="footer_text_zh_hans"]') is not None


def test_translator_sees_english_source_with_each_chinese_field(client, django_user_model, about):
    member(django_user_model, client, "Translators")
    html = client.get(f"/admin/pages/{about.pk}/edit/").content.decode()
    # wagtail-modeltranslation's language picker opens with both languages shown, so the
    # English field sits right above its Chinese counterpart.
    assert "locale_picker_default: ['en', 'zh-hans']" in html
    assert html.index('name="intro_en"') < html.index('name="intro_zh_hans"')
