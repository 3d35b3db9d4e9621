"""The "Partnerships" admin menu: partners and areas of collaboration as snippets."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, StatusFlagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CollaborationArea, Partner


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    # "Status" (draft / live / live + draft / scheduled) and whether the public sees it now:
    # a never-published draft is "not shown" even when its "shown on the site" box is ticked.
    list_display = [
        "name",
        "short_name",
        "kind",
        "country",
        LiveStatusTagColumn(label=pgettext_lazy("site", "Status")),
        StatusFlagColumn(
            "is_public", label=_("On the site"), true_label=_("shown"), false_label=_("not shown")
        ),
    ]
    list_filter = ["kind", "country", "visible", "featured"]
    # Plain database look-up over both languages: Wagtail's search index does not split
    # Chinese words (see the design notes), while "霍普金斯" must find "约翰斯·霍普金斯大学".
    search_backend_name = None
    search_fields = ["name_en", "name_zh_hans", "short_name"]
    # Editors drag partners into the order the public page shows them in.
    sort_order_field = "sort_order"


class CollaborationAreaViewSet(SnippetViewSet):
    model = CollaborationArea
    icon = "tag"
    menu_label = _("Areas of collaboration")
    list_display = [
        "name",
        Column("slug", label=pgettext_lazy("site", "slug")),
        LiveStatusTagColumn(label=pgettext_lazy("site", "Status")),
    ]
    search_backend_name = None
    search_fields = ["name_en", "name_zh_hans", "slug"]
    sort_order_field = "sort_order"


class PartnershipsGroup(SnippetViewSetGroup):
    items = (PartnerViewSet, CollaborationAreaViewSet)
    menu_icon = "group"
    menu_label = _("Partnerships")
    menu_name = "partnerships"


register_snippet(PartnershipsGroup)
