"""Role boundaries, checked at the HTTP level: every role × every admin area, both ways.

Each cell below is one test: the role tries the action through the real admin URL and the
test checks the answer AND the side effect (the object really changed / was really not
deleted). "yes" means the role must succeed, "no" that it must be refused (anonymous
visitors are sent to the login page; signed-in roles get Wagtail's "permission denied"
redirect or a 403, and nothing changes).

==================  =========  =======  ===========  ==========
area / action       anonymous  Editors  Translators  Moderators
==================  =========  =======  ===========  ==========
pages: list         no         yes      yes          yes
pages: edit         no         yes      yes          yes
pages: add          no         yes      no           yes
pages: publish      no         no       no           yes
pages: unpublish    no         no       no           yes
pages: del own      no         yes      no           yes
pages: del others'  no         no       no           yes
pages: del live     no         no       no           no
partners: list      no         yes      yes          yes
partners: edit      no         yes      yes          yes
partners: add       no         yes      no           yes
partners: submit    no         yes      yes          yes
partners: publish   no         no       no           yes
partners: del draft no         no       no           yes
partners: del live  no         no       no           no
areas: list         no         yes      yes          yes
areas: edit         no         yes      yes          yes
areas: add          no         yes      no           yes
areas: publish      no         no       no           yes
areas: del draft    no         no       no           yes
settings: view      no         no       no           yes
settings: change    no         no       no           yes
images: list        no         yes      no           yes
images: upload      no         yes      no           yes
images: edit own    no         yes      no           yes
images: del own     no         yes      no           yes
images: edit others no         no       no           yes
images: del others  no         no       no           yes
images: chooser     no         yes      yes          yes
documents: (same seven rows as images, same answers)
users: list         no         no       no           no
users: edit         no         no       no           no
catalogue: view     no         no       yes          no
reports: status     no         yes      yes          yes
workflows: list     no         no       no           no
workflows: edit     no         no       no           no
==================  =========  =======  ===========  ==========

"del live": a live page or partner is unpublished first, then deleted (editorial/roles.py).
"edit own" image: an image the role uploaded itself (Wagtail's "add" covers one's own).
Superusers manage users, groups and workflows.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from pages.models import HomePage, SiteSettings, StandardPage
from partnerships.models import CollaborationArea, Partner
from tests.support.helpers import form_fields

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "Editors", "Translators", "Moderators"]
Y, N = True, False

# (area, action): {role: allowed}, in ROLES order.
MATRIX = {
    ("pages", "list"): (N, Y, Y, Y),
    ("pages", "edit"): (N, Y, Y, Y),
    ("pages", "add"): (N, Y, N, Y),
    ("pages", "publish"): (N, N, N, Y),
    ("pages", "unpublish"): (N, N, N, Y),
    ("pages", "delete own"): (N, Y, N, Y),
    ("pages", "delete others'"): (N, N, N, Y),
    ("pages", "delete live"): (N, N, N, N),
    ("partners", "list"): (N, Y, Y, Y),
    ("partners", "edit"): (N, Y, Y, Y),
    ("partners", "add"): (N, Y, N, Y),
    ("partners", "submit"): (N, Y, Y, Y),
    ("partners", "publish"): (N, N, N, Y),
    ("partners", "delete draft"): (N, N, N, Y),
    ("partners", "delete live"): (N, N, N, N),
    ("areas", "list"): (N, Y, Y, Y),
    ("areas", "edit"): (N, Y, Y, Y),
    ("areas", "add"): (N, Y, N, Y),
    ("areas", "publish"): (N, N, N, Y),
    ("areas", "delete draft"): (N, N, N, Y),
    ("settings", "view"): (N, N, N, Y),
    ("settings", "change"): (N, N, N, Y),
    ("users", "list"): (N, N, N, N),
    ("users", "edit"): (N, N, N, N),
    ("catalogue", "view"): (N, N, Y, N),
    ("reports", "translation status"): (N, Y, Y, Y),
    ("workflows", "list"): (N, N, N, N),
    ("workflows", "edit"): (N, N, N, N),
}
for _media in ("images", "documents"):
    MATRIX |= {
        (_media, "list"): (N, Y, N, Y),
        (_media, "upload"): (N, Y, N, Y),
        (_media, "edit own"): (N, Y, N, Y),
        (_media, "delete own"): (N, Y, N, Y),
        (_media, "edit others'"): (N, N, N, Y),
        (_media, "delete others'"): (N, N, N, Y),
        (_media, "chooser"): (N, Y, Y, Y),
    }

CELLS = [
    pytest.param(
        role, area, action, allowed[i], id=f"{area}:{action}:{role}:{'yes' if allowed[i] else 'no'}"
    )
    for (area, action), allowed in MATRIX.items()
    for i, role in enumerate(ROLES)
]


@pytest.fixture
def actor(client, django_user_model, role):
    if role == "anonymous":
        return None
    user = django_user_model.objects.create_user(f"{role.lower()}-m", f"{role}@example.com", "pw")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user("someone-else", "else@example.com", "pw")


def refused(response, client=None):
    """Anonymous: to the login page. Signed in: Wagtail's permission-denied redirect to
    the dashboard (with a message), or 403."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and (
        "/login/" in response["Location"] or response["Location"].rstrip("/") == "/admin"
    )


def opens(client, url):
    response = client.get(url)
    if response.status_code == 200:
        return True
    assert refused(response), (url, response.status_code, response.get("Location"))
    return False


def draft_page(owner, title="Matrix draft"):
    home = HomePage.objects.get()
    page = StandardPage(title=title, slug=title.lower().replace(" ", "-"), owner=owner, live=False)
    home.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def post_delete(client, url, model, pk):
    response = client.post(url)
    gone = not model.objects.filter(pk=pk).exists()
    if not gone:
        assert refused(response), (url, response.status_code)
    return gone


def edit_and(client, url, action, change):
    """Open an edit form, change it, post it with ``action``; True if the form opened."""
    response = client.get(url)
    if response.status_code != 200:
        assert refused(response)
        return False
    data = form_fields(response)
    change(data)
    if action:
        data[action] = action
    client.post(url, data)
    return True


# Pages ------------------------------------------------------------------------------------


def pages_list(client, user, other):
    return opens(client, f"/admin/pages/{HomePage.objects.get().pk}/")


def pages_edit(client, user, other):
    return opens(client, f"/admin/pages/{StandardPage.objects.get(slug_en='about').pk}/edit/")


def pages_add(client, user, other):
    home = HomePage.objects.get()
    return opens(client, f"/admin/pages/add/pages/standardpage/{home.pk}/")


def pages_publish(client, user, other):
    home = HomePage.objects.get()
    new = home.title_zh_hans + "（矩阵）"
    edit_and(
        client,
        f"/admin/pages/{home.pk}/edit/",
        "action-publish",
        lambda data: data.update(title_zh_hans=new),
    )
    home.refresh_from_db()
    return home.title_zh_hans == new


def pages_unpublish(client, user, other):
    page = StandardPage.objects.get(slug_en="about")
    response = client.post(f"/admin/pages/{page.pk}/unpublish/")
    page.refresh_from_db()
    if page.live:
        assert refused(response)
    return not page.live


def pages_delete_own(client, user, other):
    page = draft_page(user)
    return post_delete(client, f"/admin/pages/{page.pk}/delete/", Page, page.pk)


def pages_delete_others(client, user, other):
    page = draft_page(other)
    return post_delete(client, f"/admin/pages/{page.pk}/delete/", Page, page.pk)


def pages_delete_live(client, user, other):
    page = draft_page(user)
    page.get_latest_revision().publish()
    return post_delete(client, f"/admin/pages/{page.pk}/delete/", Page, page.pk)


# Snippets ---------------------------------------------------------------------------------

PARTNERS = "/admin/snippets/partnerships/partner/"
AREAS = "/admin/snippets/partnerships/collaborationarea/"


def a_partner():
    return Partner.objects.filter(live=True).first()


def partners_list(client, user, other):
    return opens(client, PARTNERS)


def partners_edit(client, user, other):
    return opens(client, f"{PARTNERS}edit/{a_partner().pk}/")


def partners_add(client, user, other):
    return opens(client, f"{PARTNERS}add/")


def partners_submit(client, user, other):
    partner = a_partner()
    new = partner.name_zh_hans + "（送审）"
    edit_and(
        client,
        f"{PARTNERS}edit/{partner.pk}/",
        "action-submit",
        lambda data: data.update(name_zh_hans=new),
    )
    partner.refresh_from_db()
    assert partner.name_zh_hans != new  # the live row waits for approval
    state = partner.current_workflow_state
    return bool(state and state.status == state.STATUS_IN_PROGRESS)


def partners_publish(client, user, other):
    partner = a_partner()
    new = partner.name_zh_hans + "（发布）"
    edit_and(
        client,
        f"{PARTNERS}edit/{partner.pk}/",
        "action-publish",
        lambda data: data.update(name_zh_hans=new),
    )
    partner.refresh_from_db()
    return partner.name_zh_hans == new


def partners_delete_draft(client, user, other):
    partner = Partner.objects.create(
        name="Matrix draft", slug="matrix-draft", kind="hospital", live=False
    )
    return post_delete(client, f"{PARTNERS}delete/{partner.pk}/", Partner, partner.pk)


def partners_delete_live(client, user, other):
    partner = a_partner()
    return post_delete(client, f"{PARTNERS}delete/{partner.pk}/", Partner, partner.pk)


def areas_list(client, user, other):
    return opens(client, AREAS)


def areas_edit(client, user, other):
    return opens(client, f"{AREAS}edit/{CollaborationArea.objects.first().pk}/")


def areas_add(client, user, other):
    return opens(client, f"{AREAS}add/")


def areas_publish(client, user, other):
    area = CollaborationArea.objects.first()
    new = area.name_zh_hans + "（发布）"
    edit_and(
        client,
        f"{AREAS}edit/{area.pk}/",
        "action-publish",
        lambda data: data.update(name_zh_hans=new),
    )
    area.refresh_from_db()
    return area.name_zh_hans == new


def areas_delete_draft(client, user, other):
    area = CollaborationArea.objects.create(name="Matrix", slug="matrix", live=False)
    return post_delete(client, f"{AREAS}delete/{area.pk}/", CollaborationArea, area.pk)


# Settings ---------------------------------------------------------------------------------


def settings_url():
    return f"/admin/settings/pages/sitesettings/{Site.objects.get(is_default_site=True).pk}/"


def settings_view(client, user, other):
    return opens(client, settings_url())


def settings_change(client, user, other):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    response = client.get(settings_url())
    if response.status_code != 200:
        assert refused(response)
        # Posting blind is refused too, and changes nothing.
        before = SiteSettings.objects.get().contact_email
        client.post(settings_url(), {"contact_email": "phish@example.com"})
        assert SiteSettings.objects.get().contact_email == before
        return False
    data = form_fields(response, "form[method=post]")
    data["contact_email"] = "press@example.com"
    client.post(settings_url(), data)
    return SiteSettings.objects.get().contact_email == "press@example.com"


# Images and documents ---------------------------------------------------------------------


def image_by(owner):
    return get_image_model().objects.create(
        title="Matrix image", file=get_test_image_file(), uploaded_by_user=owner
    )


def document_by(owner):
    return get_document_model().objects.create(
        title="Matrix document",
        file=ContentFile(b"%PDF-1.4 matrix", name="m.pdf"),
        uploaded_by_user=owner,
    )


MEDIA = {
    "images": ("/admin/images/", image_by, get_image_model),
    "documents": ("/admin/documents/", document_by, get_document_model),
}


def media_cell(kind, action):
    base, make, model = MEDIA[kind]

    def check(client, user, other):
        if action == "list":
            return opens(client, base)
        if action == "upload":
            return opens(client, f"{base}add/" if kind == "images" else f"{base}multiple/add/")
        if action == "chooser":
            item = make(other)
            response = client.get(f"{base}chooser/")
            if response.status_code != 200:
                assert refused(response)
                return False
            # The chooser lists what the role may use (not an empty list).
            return f"{item.title}" in response.content.decode()
        item = make(user if action.endswith("own") else other)
        if action.startswith("edit"):
            edit_url = f"{base}{item.pk}/" if kind == "images" else f"{base}edit/{item.pk}/"
            # The collection field shows once there is more than one (the generated artwork).
            data = {"title": "Renamed", "tags": "", "collection": item.collection_id}
            response = client.post(edit_url, data)
            item.refresh_from_db()
            if item.title != "Renamed":
                assert refused(response) or response.status_code == 200
                return opens(client, edit_url) and False
            return True
        delete_url = f"{base}{item.pk}/delete/" if kind == "images" else f"{base}delete/{item.pk}/"
        return post_delete(client, delete_url, model(), item.pk)

    return check


# Users, catalogue, reports, workflows -----------------------------------------------------


def users_list(client, user, other):
    return opens(client, "/admin/users/")


def users_edit(client, user, other):
    return opens(client, f"/admin/users/edit/{other.pk}/")


def catalogue_view(client, user, other):
    return opens(client, reverse("rosetta-file-list", kwargs={"po_filter": "project"}))


def reports_translation_status(client, user, other):
    return opens(client, reverse("translation_status"))


def workflows_list(client, user, other):
    return opens(client, "/admin/workflows/list/")


def workflows_edit(client, user, other):
    from wagtail.models import Workflow

    return opens(client, f"/admin/workflows/edit/{Workflow.objects.get().pk}/")


def checker(area, action):
    if area in MEDIA:
        return media_cell(area, action)
    name = f"{area}_{action}".replace(" ", "_").replace("'", "")
    return globals()[name]


def test_the_matrix_covers_every_area_and_role():
    areas = {area for area, _action in MATRIX}
    assert areas == {
        "pages",
        "partners",
        "areas",
        "settings",
        "images",
        "documents",
        "users",
        "catalogue",
        "reports",
        "workflows",
    }
    assert len(CELLS) == len(MATRIX) * len(ROLES)
    for area, action in MATRIX:
        assert callable(checker(area, action))


@pytest.mark.parametrize("role, area, action, allowed", CELLS)
def test_cell(client, actor, other, role, area, action, allowed):
    result = checker(area, action)(client, actor, other)
    assert result is allowed, (
        f"{role} {area}: {action} should be {'allowed' if allowed else 'refused'}"
    )
