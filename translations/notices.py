"""Warnings (never blocks) when something is published or reviewed with Chinese missing or
outdated, and the dashboard's translation panel."""

from django.contrib import messages
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from . import i18n, stale
from . import status as translation_status


def chinese_problems(obj):
    """``(missing, outdated)``: labels of the fields of ``obj`` and its orderables whose
    Chinese is empty beside English, or outdated."""
    items = [obj, *stale.children_of(obj)]
    anchors = stale.anchors_for([item for item in items if item.pk is not None])
    missing, outdated = [], []
    for item in items:
        model = type(item)
        prefix = "" if item is obj else f"{capfirst(model._meta.verbose_name)}: "
        for name in stale.tracked_fields(model):
            english = getattr(item, f"{name}_{stale.SOURCE}", None)
            chinese = getattr(item, f"{name}_{stale.TARGET}", None)
            label = prefix + str(translation_status.field_label(model, name))
            if i18n.is_empty(chinese):
                if not i18n.is_empty(english):
                    missing.append(label)
            elif item.pk is not None and stale.outdated_source(item, name, anchors):
                outdated.append(label)
    return missing, outdated


def warn(request, obj, intro):
    missing, outdated = chinese_problems(obj)
    if not (missing or outdated):
        return False
    parts = []
    if missing:
        parts.append(_("Chinese missing: %(fields)s.") % {"fields": "; ".join(missing)})
    if outdated:
        parts.append(_("Chinese outdated: %(fields)s.") % {"fields": "; ".join(outdated)})
    messages.warning(request, " ".join([intro, *parts]), extra_tags="translation-warning")
    return True


def has_drafts(obj):
    return hasattr(obj, "get_latest_revision_as_object")


def latest(obj):
    getter = getattr(obj, "get_latest_revision_as_object", None)
    return getter() if getter else obj


def warn_before_review(request, obj, may_publish):
    """On opening the edit view of something the user may publish (or is reviewing)."""
    if request.method == "GET" and may_publish:
        warn(request, latest(obj), _("Before publishing or approving, note:"))


def warn_after_publish(request, obj):
    warn(request, obj, _("Published; the Chinese page shows English for what is missing."))


class TranslationPanel(Component):
    """Dashboard: how many Chinese values are missing or outdated, linking to the report."""

    name = "translation_status"
    order = 150
    template_name = "translations/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        report = translation_status.build_report(languages=["zh_hans"])
        url = reverse("translation_status")
        return {
            "missing": len(report.gaps),
            "outdated": len(report.outdated),
            "missing_url": f"{url}?missing=zh_hans",
            "outdated_url": f"{url}#outdated",
        }
