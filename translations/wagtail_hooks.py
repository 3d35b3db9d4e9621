"""Translation tools in the Wagtail admin: a "Translation" menu with the status report and
the interface-strings editor (django-rosetta)."""

import rosetta.urls
from django.templatetags.static import static
from django.urls import include, path, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.utils.urlpatterns import decorate_urlpatterns

from editorial import roles

from . import notices
from .admin_views import ConfirmTranslationView, TranslationStatusView, catalogue_access_required


@hooks.register("register_admin_urls")
def register_translation_urls():
    # Wagtail wraps these in its admin-access check (anonymous users go to the login page);
    # the catalogue editor additionally requires the Translators group.
    return [
        path("translation-status/", TranslationStatusView.as_view(), name="translation_status"),
        path(
            "translation-status/confirm/",
            ConfirmTranslationView.as_view(),
            name="translation_confirm",
        ),
        path(
            "interface-strings/",
            include(decorate_urlpatterns(rosetta.urls.urlpatterns, catalogue_access_required)),
        ),
    ]


class CatalogueMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.can_edit_catalogues(request.user)


def translation_status_item(order):
    return MenuItem(
        _("Translation status"),
        reverse_lazy("translation_status"),
        name="translation-status",
        icon_name="globe",
        order=order,
    )


translation_menu = Menu(
    items=[
        translation_status_item(order=100),
        CatalogueMenuItem(
            _("Interface strings"),
            reverse_lazy("rosetta-file-list", kwargs={"po_filter": "project"}),
            name="interface-strings",
            icon_name="doc-full",
            order=200,
        ),
    ]
)


@hooks.register("register_admin_menu_item")
def register_translation_menu():
    return SubmenuMenuItem(
        _("Translation"), translation_menu, name="translation", icon_name="globe", order=250
    )


@hooks.register("register_reports_menu_item")
def register_translation_report():
    return translation_status_item(order=50)


@hooks.register("insert_global_admin_css")
def translation_admin_css():
    # Side-by-side English/Chinese fields, read-only English for translators, outdated marks.
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-translation.css"))


@hooks.register("insert_global_admin_js")
def translation_admin_js():
    return format_html('<script src="{}" defer></script>', static("js/admin-translation.js"))


@hooks.register("construct_homepage_panels")
def add_translation_panel(request, panels):
    panels.append(notices.TranslationPanel())


# Publishing or reviewing with missing or outdated Chinese: a warning, never a block.
@hooks.register("before_edit_page")
def warn_on_page_review(request, page):
    notices.warn_before_review(request, page, page.permissions_for_user(request.user).can_publish())


@hooks.register("after_publish_page")
def warn_on_page_publish(request, page):
    notices.warn_after_publish(request, page)


@hooks.register("after_edit_page")
def warn_on_page_approval(request, page):
    if request.POST.get("workflow-action-name") == "approve":
        notices.warn_after_publish(request, page.get_latest_revision_as_object())


@hooks.register("before_edit_snippet")
def warn_on_snippet_review(request, instance):
    meta = instance._meta
    may_publish = request.user.has_perm(f"{meta.app_label}.publish_{meta.model_name}")
    notices.warn_before_review(request, instance, may_publish and notices.has_drafts(instance))


@hooks.register("after_edit_snippet")
def warn_on_snippet_publish(request, instance):
    if "action-publish" in request.POST or request.POST.get("workflow-action-name") == "approve":
        notices.warn_after_publish(request, instance)
