"""The site's three editorial roles, seeded as Django groups with least-privilege permissions.

Wagtail's own migrations already create the "Editors" and "Moderators" groups and the
"Moderators approval" workflow on the root page; we build on those and add "Translators".
The roles defined here are the source of truth: seeding sets each group's permissions to
exactly this list, so a re-run repairs drift. Permissions are looked up by app label and
codename and skipped when missing, so a model another app has not built yet does not break
the seed (it is picked up on the next run).
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .groups import EDITORS, MODERATORS, TRANSLATORS, WORKFLOW_NAME

# Page permissions granted on the root page, i.e. on the whole tree.
# "add" lets editors create pages; "change" edits any page and saves drafts; only
# moderators can "publish" (which also covers scheduling and unpublishing).
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    TRANSLATORS: ["change_page"],
    MODERATORS: ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"],
}

_ADMIN = ["wagtailadmin.access_admin"]
_MEDIA_USE = ["wagtailimages.choose_image", "wagtaildocs.choose_document"]
_MEDIA_EDIT = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
]

# Model (media, admin) permissions every role gets from this app, as "app_label.codename".
# Content apps add the grants for their own models with an ``editorial_grants`` attribute on
# their AppConfig, e.g. ``{EDITORS: ["partnerships.add_partner", …], …}``.
BASE_MODEL_PERMISSIONS = {
    EDITORS: _ADMIN + _MEDIA_USE + _MEDIA_EDIT,
    # Translators change existing text only: no add, no delete, no publish.
    TRANSLATORS: _ADMIN + _MEDIA_USE,
    MODERATORS: _ADMIN
    + _MEDIA_USE
    + _MEDIA_EDIT
    + ["wagtailimages.delete_image", "wagtaildocs.delete_document"],
}


def model_permissions(role):
    """Every ``app_label.codename`` the role holds: ours plus what each app declares."""
    names = list(BASE_MODEL_PERMISSIONS[role])
    for config in apps.get_app_configs():
        names += getattr(config, "editorial_grants", {}).get(role, [])
    return names


def find_permissions(dotted_names):
    """The Permission rows that exist for ``["app_label.codename", …]`` (missing ones skipped)."""
    wanted = {tuple(name.split(".", 1)) for name in dotted_names}
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _code in wanted},
        codename__in={code for _app, code in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def seed_roles(sync=None):
    """Create/repair the three groups, their permissions and the moderation workflow.

    Signature matches the content loader's steps (``step(sync)``); ``sync`` is unused.
    """

    root = Page.get_first_root_node()
    groups = {}
    for name in (EDITORS, TRANSLATORS, MODERATORS):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(find_permissions(model_permissions(name)))
        page_perms = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS[name]
        )
        GroupPagePermission.objects.filter(group=group).exclude(
            page=root, permission__in=page_perms
        ).delete()
        for permission in page_perms:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        groups[name] = group
    if root is not None:
        seed_workflow(root, groups[MODERATORS])
    return groups


def seed_workflow(root, moderators):
    """Edit -> moderator approval -> publish, on every page (assigned to the root page)."""

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.add(moderators)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def is_translator_only(user):
    """In Translators and in no role that may create, publish or delete."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & {EDITORS, MODERATORS}


def can_edit_catalogues(user):
    """Who may edit the interface-string catalogues (django-rosetta's access check)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=TRANSLATORS).exists()


def forbid_translator_deletion(request, *args, **kwargs):
    """Translators hold "change" on pages, which in Wagtail also allows deleting draft-only
    pages; the role must never delete, so the delete views refuse them outright."""
    if is_translator_only(request.user):
        raise PermissionDenied
