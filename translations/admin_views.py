"""Admin views of the translation tools: the "Translation status" report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from editorial.roles import can_edit_catalogues

from . import catalogue, markup
from . import status as translation_status

# Filter choices: ?missing=zh_hans shows only the missing Chinese, ?missing=en the English.
MISSING_FILTERS = {"zh_hans": _("Missing Chinese"), "en": _("Missing English")}
LANGUAGE_LABELS = {"zh_hans": _("Chinese"), "en": pgettext_lazy("site", "English")}


def catalogue_access_required(view):
    """403 for signed-in users outside the Translators group (Wagtail's own wrapper has
    already sent anonymous visitors to the login page)."""

    def wrapped(request, *args, **kwargs):
        if not can_edit_catalogues(request.user):
            raise PermissionDenied
        # Only the site's own catalogue: Django's and Wagtail's live inside the installed
        # packages, where edits would be lost on the next deployment.
        if kwargs.get("po_filter", "project") != "project":
            raise PermissionDenied
        if request.method == "POST" and refuse_changed_markup(request):
            # Nothing of this form is saved: back to it, with the reason.
            return HttpResponseRedirect(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def refuse_changed_markup(request):
    """True (with an error message) when a posted translation's tags, entities or
    placeholders differ from its source text's (translations/markup.py)."""
    po_paths = sorted(catalogue.locale_dir().glob("*/LC_MESSAGES/*.po"))
    problems = markup.posted_problems(po_paths, request.POST)
    for msgid, found in problems.items():
        messages.error(
            request,
            _("Not saved: the translation of “%(msgid)s” must keep its markup (%(found)s).")
            % {"msgid": msgid[:80], "found": "; ".join(found)},
        )
    return bool(problems)


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "globe"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        missing = self.request.GET.get("missing")
        languages = [missing] if missing in MISSING_FILTERS else None
        report = translation_status.build_report(user=self.request.user, languages=languages)
        for gap in report.gaps:
            gap.language_label = LANGUAGE_LABELS.get(gap.language, gap.language)
        context.update(
            report=report,
            groups=report.gaps_by_owner(),
            counts=sorted(report.counts.values(), key=lambda c: (c.percent, str(c.label))),
            missing=missing if languages else "",
            missing_filters=MISSING_FILTERS,
            missing_zh=sum(1 for g in report.gaps if g.language == "zh_hans"),
            missing_en=sum(1 for g in report.gaps if g.language == "en"),
        )
        return context
