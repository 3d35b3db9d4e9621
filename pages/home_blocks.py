"""The home page's sections: a StreamField of optional, reorderable blocks.

``body`` is a translated field (body_en / body_zh_hans), like StandardPage.body: each
language has its own sequence of sections, edited side by side.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from caching import generations

from . import home_sections


def _more_link(section, request):
    """``{"url", "title"}`` of the page listing all of a section's items, or None. These are
    top-level pages: any change to one bumps the site generation, so cache per generation."""
    if section.more is None:
        return None
    key = f"home-section:more:{section.key}:{get_language()}:{generations.site_generation()}"
    link = cache.get(key)
    if link is None:
        page = section.more(request)
        link = {"url": page.get_url(request=request), "title": page.title} if page else {}
        cache.set(key, link, timeout=24 * 3600)
    return link or None


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=pgettext_lazy("site", "Text"), required=False)
    image = ImageChooserBlock(label=pgettext_lazy("site", "Image"), required=False)
    image_alt = blocks.CharBlock(
        label=_("Image alt text"),
        required=False,
        max_length=250,
        help_text=_("What the image shows. Required with an image."),
    )
    link_page = blocks.PageChooserBlock(label=_("Button links to"), required=False)
    link_label = blocks.CharBlock(label=_("Button label"), required=False, max_length=60)

    class Meta:
        icon = "image"
        label = _("Hero")
        template = "pages/home/hero.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("image") and not value.get("image_alt", "").strip():
            errors["image_alt"] = _("Describe the image: alt text is required with an image.")
        if value.get("link_page") and not value.get("link_label", "").strip():
            errors["link_label"] = _("Give the button a label.")
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), max_length=20, help_text=_("e.g. 5 or 五"))
    label = blocks.CharBlock(label=_("Label"), max_length=80)


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=8, label=_("Figures"))
    source_page = blocks.PageChooserBlock(
        label=_("Read more on"), required=False, help_text=_("Where the figures come from.")
    )

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "pages/home/key_figures.html"


class ContentSectionBlock(blocks.StructBlock):
    """A list another app fills: strategic goals, latest news, upcoming events, partners."""

    section = blocks.ChoiceBlock(
        choices=home_sections.choices, label=pgettext_lazy("site", "Content")
    )
    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=120, help_text=_("Optional.")
    )
    count = blocks.IntegerBlock(label=_("How many"), min_value=1, max_value=12, default=3)

    class Meta:
        icon = "list-ul"
        label = _("Content section")

    def render(self, value, context=None):
        section = home_sections.get(value["section"])
        if section is None:
            return ""
        context = dict(context.flatten() if hasattr(context, "flatten") else context or {})
        request = context.get("request")
        items = section.items(request, value["count"])
        context.update(
            self=value,
            value=value,
            section=section,
            items=items,
            heading=value["heading"] or section.label,
            more=_more_link(section, request),
        )
        return render_to_string(section.template, context)


class AudienceRouteBlock(blocks.StructBlock):
    audience = blocks.CharBlock(label=_("Audience"), max_length=60)
    text = blocks.CharBlock(label=pgettext_lazy("site", "Text"), required=False, max_length=200)
    page = blocks.PageChooserBlock(label=pgettext_lazy("site", "Page"))


class AudienceRoutesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    routes = blocks.ListBlock(AudienceRouteBlock(), min_num=1, max_num=6, label=_("Routes"))

    class Meta:
        icon = "site"
        label = _("Routes for audiences")
        template = "pages/home/audience_routes.html"


class HomeBodyBlock(blocks.StreamBlock):
    hero = HeroBlock()
    key_figures = KeyFiguresBlock()
    content_section = ContentSectionBlock()
    audience_routes = AudienceRoutesBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        label=_("Paragraph"),
        template="pages/blocks/paragraph.html",
    )
