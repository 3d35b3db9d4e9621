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
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from wagtail.models import (
    Collection,
    DraftStateMixin,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PagePermissionTester,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

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

# Model (admin) permissions every role gets from this app, as "app_label.codename".
# Content apps add the grants for their own models with an ``editorial_grants`` attribute on
# their AppConfig, e.g. ``{EDITORS: ["partnerships.add_partner", …], …}``.
# Images and documents are not here: Wagtail reads their permissions only from collection
# permissions (GroupCollectionPermission), see COLLECTION_PERMISSIONS.
BASE_MODEL_PERMISSIONS = {
    EDITORS: _ADMIN,
    TRANSLATORS: _ADMIN,
    MODERATORS: _ADMIN,
}

# Image and document permissions, granted on the root collection (so on every collection).
# Wagtail's "add" also lets the uploader edit and delete their own files; "change" and
# "delete" reach everyone's files, so only moderators hold them. "choose" fills the image
# and document choosers. Wagtail's own migrations give Editors and Moderators add, change
# and delete on the root collection: seeding replaces those with exactly this.
COLLECTION_PERMISSIONS = {
    EDITORS: ["add", "choose"],
    TRANSLATORS: ["choose"],
    MODERATORS: ["add", "change", "delete", "choose"],
}
_MEDIA_MODELS = (("wagtailimages", "image"), ("wagtaildocs", "document"))


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
        seed_collection_permissions(group, COLLECTION_PERMISSIONS[name])
        groups[name] = group
    if root is not None:
        seed_workflow(root, groups[MODERATORS])
    return groups


def seed_collection_permissions(group, actions):
    """Exactly ``actions`` on images and documents in the root collection, nothing else."""
    root = Collection.get_first_root_node()
    if root is None:
        return
    wanted = find_permissions(
        f"{app}.{action}_{model}" for app, model in _MEDIA_MODELS for action in actions
    )
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root, permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def reviewed_snippet_models():
    """Snippet models that go through the moderation workflow (those with WorkflowMixin)."""
    return [model for model in get_snippet_models() if issubclass(model, WorkflowMixin)]


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
    # The same review for every snippet that has drafts and workflows (partners, areas…).
    for model in reviewed_snippet_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
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


def is_moderator(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


def page_deletion_allowed(user, page):
    """The site's rule on top of Wagtail's own page delete permission (which it narrows):

    - Editors (and anyone not a moderator) delete only unpublished pages they own, with all
      their subpages their own too: Wagtail's "change" permission would let them delete
      anyone's unpublished page.
    - Moderators delete unpublished pages only: a live page is unpublished first (one
      deliberate step, its revisions kept), then deleted.
    - Superusers: Wagtail's rule alone.
    """
    if user.is_superuser:
        return True
    pages = page.get_descendants(inclusive=True)
    if is_moderator(user):
        return not pages.filter(live=True).exists()
    return not pages.exclude(owner=user).exists()


def snippet_deletion_allowed(user, instances):
    """Moderators (the only role with "delete" on snippets) delete unpublished ones only."""
    if user.is_superuser:
        return True
    return not any(isinstance(obj, DraftStateMixin) and obj.live for obj in instances)


def forbid_translator_deletion(request, *args, **kwargs):
    """Translators hold "change" on pages, which in Wagtail also allows deleting draft-only
    pages; the role must never delete, so the delete views refuse them outright."""
    if is_translator_only(request.user):
        raise PermissionDenied


def install_page_deletion_rule():
    """Narrow Wagtail's page "can delete" with ``page_deletion_allowed``.

    Every place Wagtail deletes or offers to delete a page (the delete view, the bulk
    delete action, the action menu, the listing's "More" menu) asks
    ``page.permissions_for_user(user).can_delete()``; page models live in several apps, so
    the check is wrapped once here rather than overridden on each model.
    """
    wagtail_can_delete = PagePermissionTester.can_delete
    if getattr(wagtail_can_delete, "editorial_rule", False):
        return

    def can_delete(self, ignore_bulk=False):
        return wagtail_can_delete(self, ignore_bulk=ignore_bulk) and page_deletion_allowed(
            self.user, self.page
        )

    can_delete.editorial_rule = True
    PagePermissionTester.can_delete = can_delete
