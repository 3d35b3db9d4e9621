"""Everything under review: partner and area drafts in the Moderators approval workflow, the
moderator's dashboard, "compare with live", collection permissions and the Chinese names."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.models import GroupCollectionPermission, WorkflowContentType
from wagtail.users.models import UserProfile

from editorial import roles
from editorial.display_names import DisplayName
from partnerships.models import CollaborationArea, Partner
from tests.support.helpers import form_fields, soup

pytestmark = pytest.mark.django_db

PARTNERS = "/admin/snippets/partnerships/partner/"
AREAS = "/admin/snippets/partnerships/collaborationarea/"


def member(django_user_model, client, role, username=None):
    user = django_user_model.objects.create_user(username or role.lower(), "", "pw")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


def submit(client, url, **changes):
    data = form_fields(client.get(url))
    data.update(changes)
    data["action-submit"] = "action-submit"
    return client.post(url, data)


def test_seed_assigns_the_workflow_to_partners_and_areas_idempotently():
    roles.seed_roles()
    roles.seed_roles()
    for model in (Partner, CollaborationArea):
        ct = ContentType.objects.get_for_model(model)
        assert (
            WorkflowContentType.objects.get(content_type=ct).workflow.name == "Moderators approval"
        )
        assert model.get_default_workflow().name == "Moderators approval"


def test_collection_permissions_are_exactly_the_roles():
    roles.seed_roles()

    def actions(name):
        return {
            p.permission.codename
            for p in GroupCollectionPermission.objects.filter(group__name=name).select_related(
                "permission"
            )
        }

    assert actions("Editors") == {"add_image", "choose_image", "add_document", "choose_document"}
    assert actions("Translators") == {"choose_image", "choose_document"}
    assert actions("Moderators") == {
        f"{a}_{m}" for a in ("add", "change", "delete", "choose") for m in ("image", "document")
    }


def test_renamed_area_slug_stays_a_draft_until_approved(client, django_user_model):
    # The seed tags no partner with an area (the source names areas only per group): tag
    # one as an editor would, so the area has a public filter link.
    area = CollaborationArea.objects.get(slug="md-education")
    partner = Partner.objects.public().first()
    partner.areas.add(area)
    partner.save()
    assert area in CollaborationArea.objects.public()
    old_slug = area.slug
    member(django_user_model, client, "Editors")
    response = submit(client, f"{AREAS}edit/{area.pk}/", slug="renamed-area")
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.slug == old_slug and area.has_unpublished_changes
    assert area.current_workflow_state.status == "in_progress"
    # The public filter links still use the published slug.
    assert old_slug in {a.slug for a in CollaborationArea.objects.public()}
    assert Partner.objects.public(area=old_slug).exists()
    assert not Partner.objects.public(area="renamed-area").exists()

    # The moderator sees it on the dashboard, with "Compare with live version", and approves.
    client.logout()
    member(django_user_model, client, "Moderators", "mod")
    panel = soup(client.get("/admin/")).select_one("#awaiting-review-section")
    assert panel is not None and area.name in panel.get_text()
    edit = client.get(f"{AREAS}edit/{area.pk}/").content.decode()
    compare = f"{AREAS}history/{area.pk}/revisions/compare/live...{area.latest_revision_id}/"
    assert compare in edit
    assert client.get(compare).status_code == 200
    task_state = area.current_workflow_state.current_task_state
    response = client.post(
        f"{AREAS}workflow/action/{area.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    area.refresh_from_db()
    assert area.slug == "renamed-area" and not area.has_unpublished_changes


def test_partner_draft_goes_through_review_and_list_shows_status(client, django_user_model):
    partner = Partner.objects.public().first()
    member(django_user_model, client, "Translators")
    new = partner.name_zh_hans + "（新译）"
    assert submit(client, f"{PARTNERS}edit/{partner.pk}/", name_zh_hans=new).status_code == 302
    partner.refresh_from_db()
    assert partner.name_zh_hans != new and partner.current_workflow_state is not None
    client.logout()

    member(django_user_model, client, "Moderators", "mod")
    listing = soup(client.get(PARTNERS))
    row = next(r for r in listing.select("tbody tr") if partner.name_en in r.get_text())
    assert "live + in moderation" in row.get_text()  # live, with a draft under review
    assert "True" not in row.get_text() and "shown" in row.get_text()
    draft = Partner.objects.create(
        name="Never published", slug="never-published", kind="hospital", live=False
    )
    listing = soup(client.get(PARTNERS))
    row = next(r for r in listing.select("tbody tr") if draft.name in r.get_text())
    assert "draft" in row.get_text() and "not shown" in row.get_text()

    panel = soup(client.get("/admin/")).select_one("#awaiting-review-section")
    assert partner.name_en in panel.get_text()  # snippets are on the moderator's dashboard


def test_no_compare_with_live_link_without_a_draft(client, django_user_model):
    partner = Partner.objects.public().first()
    member(django_user_model, client, "Moderators")
    html = client.get(f"{PARTNERS}edit/{partner.pk}/").content.decode()
    assert "revisions/compare/live..." not in html


def test_page_compare_with_live_is_in_the_editor(client, django_user_model):
    from pages.models import HomePage

    home = HomePage.objects.get()
    member(django_user_model, client, "Editors")
    submit(client, f"/admin/pages/{home.pk}/edit/", title_zh_hans="首页（草稿）")
    client.logout()
    member(django_user_model, client, "Moderators", "mod")
    home.refresh_from_db()
    html = client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    url = f"/admin/pages/{home.pk}/revisions/compare/live...{home.latest_revision_id}/"
    assert url in html
    assert client.get(url).status_code == 200


def test_role_and_workflow_names_in_the_chinese_admin(client, django_user_model):
    group = Group.objects.get(name="Moderators")
    assert isinstance(group.name, DisplayName) and group.name == "Moderators"
    with translation.override("zh-hans"):
        assert group.name.__html__() == "审核人"
    user = member(django_user_model, client, "Editors")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    partner = Partner.objects.public().first()
    html = client.get(f"{PARTNERS}edit/{partner.pk}/").content.decode()
    assert "审核人审批" in html and "Moderators approval" not in html
    from pages.models import HomePage

    page_html = client.get(f"/admin/pages/{HomePage.objects.get().pk}/edit/").content.decode()
    assert "提交给审核人审批" in page_html or "审核人审批" in page_html
    assert "Moderators approval" not in page_html
    # The stored name is unchanged: seeding still finds the workflow.
    roles.seed_roles()
    from wagtail.models import Workflow

    assert list(Workflow.objects.values_list("name", flat=True)) == ["Moderators approval"]


def test_page_titles_in_the_admin_language(client, django_user_model):
    from pages.models import HomePage

    home = HomePage.objects.get()
    user = member(django_user_model, client, "Editors")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    title = soup(client.get(f"/admin/pages/{home.pk}/edit/")).title.get_text()
    assert home.title_zh_hans in title and home.title_en not in title
    profile.preferred_language = "en"
    profile.save()
    title = soup(client.get(f"/admin/pages/{home.pk}/edit/")).title.get_text()
    assert home.title_en in title


def test_translated_names_are_never_written_back(client, django_user_model):
    """The edit forms keep the stored English name, so saving one in the Chinese admin does
    not rename the group or the workflow that seeding looks up by name."""
    from wagtail.models import Workflow

    root = django_user_model.objects.create_superuser("root-zh", "", "pw")
    profile = UserProfile.get_for_user(root)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(root)
    workflow = Workflow.objects.get(name="Moderators approval")
    html = soup(client.get(f"/admin/workflows/edit/{workflow.pk}/"))
    assert html.select_one('input[name="name"]')["value"] == "Moderators approval"
    group = Group.objects.get(name="Moderators")
    html = soup(client.get(f"/admin/groups/edit/{group.pk}/"))
    assert html.select_one('input[name="name"]')["value"] == "Moderators"
    assert "审核人" in soup(client.get("/admin/groups/")).get_text()
