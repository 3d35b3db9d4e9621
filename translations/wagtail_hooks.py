"""Translation tools in the Wagtail admin: a "Translation" menu with the status report and
the interface-strings editor (django-rosetta)."""

import rosetta.urls
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.utils.urlpatterns import decorate_urlpatterns

from editorial import roles

from .admin_views import TranslationStatusView, catalogue_access_required


@hooks.register("register_admin_urls")
def register_translation_urls():
    # Wagtail wraps these in its admin-access check (anonymous users go to the login page);
    # the catalogue editor additionally requires the Translators group.
    return [
        path("translation-status/", TranslationStatusView.as_view(), name="translation_status"),
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
