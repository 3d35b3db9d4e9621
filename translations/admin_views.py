"""Admin views of the translation tools: the "Translation status" report and the
"still correct" confirmation of an outdated Chinese value."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from editorial.roles import can_edit_catalogues

from . import catalogue, markup, stale
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
        may_change = {}
        for item in report.outdated:
            key = (type(item.owner), item.owner.pk)
            if key not in may_change:
                may_change[key] = can_change(self.request.user, item.owner)
            item.can_confirm = may_change[key]
        context.update(
            report=report,
            groups=report.gaps_by_owner(),
            outdated_groups=report.outdated_by_owner(),
            outdated_count=len(report.outdated),
            counts=sorted(report.counts.values(), key=lambda c: (c.percent, str(c.label))),
            missing=missing if languages else "",
            missing_filters=MISSING_FILTERS,
            missing_zh=sum(1 for g in report.gaps if g.language == "zh_hans"),
            missing_en=sum(1 for g in report.gaps if g.language == "en"),
        )
        return context


def can_change(user, owner):
    """May ``user`` edit the page, snippet or setting a translator opens for this value?"""
    if isinstance(owner, Page):
        return owner.permissions_for_user(user).can_edit()
    meta = owner._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


def owner_of(obj):
    parent = translation_status.parental_key(type(obj))
    return getattr(obj, parent.name) if parent else obj


class ConfirmTranslationView(View):
    """POST content_type, object_id, field: the Chinese of that field is still correct for
    the current English (its anchor moves to the English of the saved row)."""

    http_method_names = ["post"]

    def post(self, request):
        values = [request.POST.get(k, "") for k in ("content_type", "object_id", "field")]
        if not all(values) or any("\x00" in v or len(v) > 100 for v in values):
            return HttpResponseBadRequest()
        ct_id, object_id, field = values
        content_type = ContentType.objects.filter(pk=ct_id).first() if ct_id.isdigit() else None
        model = content_type.model_class() if content_type else None
        if model is None or field not in stale.tracked_fields(model):
            return HttpResponseBadRequest()
        try:
            pk = model._meta.pk.to_python(object_id)
        except ValidationError:
            return HttpResponseBadRequest()
        obj = model._default_manager.filter(pk=pk).first()
        if obj is None:
            # Not Http404: the language middleware answers a 404 with a redirect.
            return HttpResponseBadRequest()
        if not can_change(request.user, owner_of(obj)):
            raise PermissionDenied
        stale.set_anchors(obj, [field], user=request.user)
        messages.success(
            request,
            gettext_now("Confirmed: the Chinese of “%(field)s” (%(object)s) is up to date.")
            % {"field": translation_status.field_label(model, field), "object": obj},
        )
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("translation_status")
        return redirect(target)
