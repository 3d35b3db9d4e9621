"""Role, workflow and task names in the admin's language.

The names are data (Group.name, Workflow.name, Task.name) that code looks rows up by, so
the stored value stays English. What changes is how they print: every such name loaded
from the database is wrapped in ``DisplayName``, a ``str`` equal to the stored English
(comparisons, look-ups, saving and form values are unchanged) whose HTML rendering
(``{{ group.name }}``, ``{{ task.name }}``, choice labels… in Wagtail's templates) is the
translation in the active language. Names we do not know render as stored.
"""

from django.contrib.auth.models import Group
from django.db.models.signals import post_init
from django.utils.html import conditional_escape
from django.utils.translation import gettext
from wagtail.models import GroupApprovalTask, Page, Task, Workflow

from .groups import DISPLAY_NAMES


class DisplayName(str):
    __slots__ = ()

    def translated(self):
        return gettext(str(self))

    def __html__(self):
        return conditional_escape(self.translated())


def wrap_name(sender, instance, **kwargs):
    name = instance.__dict__.get("name")
    if name in DISPLAY_NAMES and not isinstance(name, DisplayName):
        instance.__dict__["name"] = DisplayName(name)


def translated_name(name):
    """The display form of a role/workflow/task name, for labels built in Python."""
    return gettext(name) if name in DISPLAY_NAMES else name


def install():
    for model in (Group, Workflow, Task, GroupApprovalTask):
        post_init.connect(wrap_name, sender=model, dispatch_uid=f"display-name-{model.__name__}")
    if not getattr(Page.get_admin_display_title, "admin_language", False):
        Page.get_admin_display_title = admin_display_title


def admin_display_title(page):
    """A page's title in the admin's language (listings, breadcrumbs, editor headers).

    Wagtail shows ``draft_title``, one column written in whatever language the last editor's
    admin used. With no pending draft the published title is current, and the translated
    ``title`` gives it in the active language (English when the Chinese one is empty); with
    a draft, the draft's title is the one that matters, so Wagtail's stays.
    """
    if page.has_unpublished_changes and page.draft_title:
        return page.draft_title
    return page.title or page.draft_title


admin_display_title.admin_language = True
