from django import template

from pages import seo

register = template.Library()


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    """Canonical URL, Open Graph, Twitter card and JSON-LD for the current page."""
    return seo.head_context(context)


@register.simple_tag(takes_context=True)
def seo_description(context):
    """The meta description: the page's own, else the start of its text, else the tagline."""
    return seo.page_description(
        context.get("page"), seo._site_settings(context), context.get("request")
    )
