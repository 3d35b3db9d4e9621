"""The editorial rules in the admin.

- Deleting: Translators never delete; a live snippet is unpublished before it is deleted
  (single and bulk delete both run ``before_delete_snippet``); pages: roles.py.
- "Compare with live version" in the action menu of a page or snippet with a pending draft.
- Workflow and task names in the admin's language in the "Submit to …" button.
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem as PageActionMenuItem
from wagtail.models import DraftStateMixin
from wagtail.snippets.action_menu import ActionMenuItem as SnippetActionMenuItem

from . import display_names, roles
from .groups import DISPLAY_NAMES


@hooks.register("before_delete_page")
def forbid_translator_page_deletion(request, page):
    roles.forbid_translator_deletion(request)


@hooks.register("before_delete_snippet")
def forbid_translator_snippet_deletion(request, instances):
    roles.forbid_translator_deletion(request)


@hooks.register("before_delete_snippet")
def forbid_deleting_live_snippets(request, instances):
    if not roles.snippet_deletion_allowed(request.user, instances):
        raise PermissionDenied


# "Compare with live version", one click from the editor where a moderator reviews a
# submitted draft (Wagtail's dashboard hides it in a menu; the history's "Compare with
# previous version" often compares two identical drafts: "save draft" then "submit").


def _live_compare_url(obj, latest_revision_id, url_name):
    if not (obj.live_revision_id and obj.has_unpublished_changes and latest_revision_id):
        return None
    return reverse(url_name, args=[quote(obj.pk), "live", latest_revision_id])


class PageCompareWithLiveMenuItem(PageActionMenuItem):
    name = "action-compare-live"
    label = pgettext_lazy("site", "Compare with live version")
    icon_name = "history"
    order = 95

    def is_shown(self, context):
        return context["view"] == "edit" and self.get_url(context) is not None

    def get_url(self, context):
        page = context.get("page")
        if page is None:
            return None
        return _live_compare_url(
            page, page.latest_revision_id, "wagtailadmin_pages:revisions_compare"
        )


class SnippetCompareWithLiveMenuItem(SnippetActionMenuItem):
    name = "action-compare-live"
    label = pgettext_lazy("site", "Compare with live version")
    icon_name = "history"
    order = 95

    def is_shown(self, context):
        return context["view"] == "edit" and self.get_url(context) is not None

    def get_url(self, context):
        instance = context.get("instance")
        if not isinstance(instance, DraftStateMixin) or instance.pk is None:
            return None
        viewset = instance.snippet_viewset
        return _live_compare_url(
            instance, instance.latest_revision_id, viewset.get_url_name("revisions_compare")
        )


@hooks.register("register_page_action_menu_item")
def register_page_compare_with_live():
    return PageCompareWithLiveMenuItem()


@hooks.register("register_snippet_action_menu_item")
def register_snippet_compare_with_live(model):
    if issubclass(model, DraftStateMixin):
        return SnippetCompareWithLiveMenuItem()
    return None


# "Submit to Moderators approval" / "Resubmit to …" are built in Python from the stored
# (English) workflow and task names: put the names in the admin's language.


def _translate_submit_label(item):
    wagtail_context = item.get_context_data

    def get_context_data(parent_context):
        context = wagtail_context(parent_context)
        label = str(context.get("label", ""))
        for name in sorted(DISPLAY_NAMES, key=len, reverse=True):
            label = label.replace(name, display_names.translated_name(name))
        context["label"] = label
        return context

    item.get_context_data = get_context_data


@hooks.register("construct_page_action_menu")
@hooks.register("construct_snippet_action_menu")
def translate_workflow_names_in_action_menu(menu_items, request, context):
    for item in menu_items:
        if item.name == "action-submit":
            _translate_submit_label(item)
