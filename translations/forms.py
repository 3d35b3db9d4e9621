"""Translator mode and "outdated" markers on every Wagtail admin edit form.

Every admin edit form of a page, snippet or setting is a ``WagtailAdminModelForm`` built
from its panels (orderables are child forms of its formsets), so one wrapper around that
class's ``__init__`` reaches all of them, including models added later, without naming
any content app:

* for a translator-only user every field that is not a Chinese (``_zh_hans``) field is
  *disabled*: it still shows, read-only, but Django ignores whatever is posted for it and
  keeps the stored value. That is the server-side enforcement: a crafted POST changing the
  English, a slug, a URL, an e-mail address or "show in menus" changes nothing. Rows of
  inline panels can be neither added, removed nor reordered (the POST is refused);
* each Chinese field whose English changed since the Chinese was written is marked
  (``data-translation-status="outdated"`` on the input, a ``.translation-outdated`` note
  with the English change as a word diff in its help text).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminAutoHeightTextInput

from editorial.roles import is_translator_only

from . import stale

# Page-form fields a translator keeps: getting notified of comments on what they translate.
KEPT_FOR_TRANSLATORS = {"comment_notifications"}
# Formsets translators still use as they are (their own comments).
UNLOCKED_FORMSETS = {"comments"}
SUFFIX = f"_{stale.TARGET}"


def translator_only(user):
    if user is None or not user.is_authenticated:
        return False
    if not hasattr(user, "_translator_only"):
        user._translator_only = is_translator_only(user)
    return user._translator_only


def install():
    """Wrap ``WagtailAdminModelForm.__init__`` once (called from ``AppConfig.ready``)."""
    original = WagtailAdminModelForm.__init__
    if getattr(original, "_translation_aware", False):
        return

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if getattr(self, "for_user", None) is not None:
            adapt(self)

    __init__._translation_aware = True
    WagtailAdminModelForm.__init__ = __init__


def adapt(form):
    restrict = translator_only(form.for_user)
    children = [
        (name, formset, child)
        for name, formset in form.formsets.items()
        if name not in UNLOCKED_FORMSETS
        for child in formset.forms
    ]
    tracked = [form.instance] + [
        child.instance for _n, _s, child in children if stale.tracked_fields(type(child.instance))
    ]
    tracked = [obj for obj in tracked if obj.pk is not None and stale.tracked_fields(type(obj))]
    anchors = stale.anchors_for(tracked) if tracked else {}
    form.outdated_fields = mark(form, anchors, restrict)
    for name, formset in form.formsets.items():
        if name in UNLOCKED_FORMSETS:
            continue
        if restrict:
            lock_rows(formset)
        for child in formset.forms:
            form.outdated_fields += mark(child, anchors, restrict)


def mark(form, anchors, restrict):
    """Fit text areas to their text, disable non-Chinese fields (translators) and flag
    outdated Chinese; returns the labels of the outdated fields."""
    for field in form.fields.values():
        # Django's 10-row textarea for every TextField made one-line texts tall: one row
        # that grows with its content (Wagtail's autosize) keeps line breaks where needed.
        if type(field.widget) is forms.Textarea:
            attrs = {k: v for k, v in field.widget.attrs.items() if k not in {"rows", "cols"}}
            field.widget = AdminAutoHeightTextInput(attrs=attrs)
    if restrict:
        form.translator_mode = True
        for name, field in form.fields.items():
            if not name.endswith(SUFFIX) and name not in KEPT_FOR_TRANSLATORS and name != "id":
                field.disabled = True
                field.widget.attrs["data-translator-readonly"] = "true"
    instance = form.instance
    if instance.pk is None or not anchors:
        return []
    found = []
    for name in stale.tracked_fields(type(instance)):
        field = form.fields.get(name + SUFFIX)
        anchor = stale.outdated_source(instance, name, anchors)
        if field is None or anchor is None:
            continue
        english = stale.values_of(instance, name)[0]
        field.widget.attrs["data-translation-status"] = "outdated"
        note = format_html(
            '<span class="translation-outdated" data-translation-outdated="{}">'
            "<strong>{}</strong> {} {}</span>",
            name + SUFFIX,
            _("Outdated:"),
            _("the English changed after this Chinese was written. English change:"),
            stale.diff_html(anchor, english),
        )
        field.help_text = format_html("{} {}", note, field.help_text or "")
        found.append(str(field.label or name))
    return found


def lock_rows(formset):
    """Translators edit the rows that exist: no new, removed or reordered rows."""
    expected = sorted(str(obj.pk) for obj in formset.get_queryset())
    original_clean = formset.clean

    def clean():
        original_clean()
        submitted = sorted(str(child.instance.pk) for child in formset.forms)
        if submitted != expected:
            raise ValidationError(
                _("Translators can change the Chinese of existing rows only."),
                code="translator_rows",
            )

    formset.clean = clean
    for child in formset.forms:
        for name in ("DELETE", "ORDER"):
            if name in child.fields:
                child.fields[name].disabled = True
