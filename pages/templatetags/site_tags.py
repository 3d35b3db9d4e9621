from django import template
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from caching import memo
from pages import brand, navigation
from pages.models import SiteSettings
from translations import i18n

register = template.Library()
# The switcher's label on phones (the full name stays the link's accessible name).
SHORT_NAMES = {"en": "EN", "zh-hans": "中文"}


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per language: the current page's address in that language.

    Wagtail pages use their translated slugs; anything else (404, search) swaps the prefix.
    ``url`` (the switcher's link) keeps the query string, so a filtered list or a search
    stays filtered in the other language; ``absolute_url`` (hreflang) never carries one.
    """
    request = context["request"]
    page = context.get("page")
    if request.GET or not (isinstance(page, Page) and page.pk):
        return _language_versions(context, request, page)
    # A page's versions follow from its address: remembered (caching.memo) per host and
    # scheme (absolute_url), until the page's section or the site is purged.
    key = ("language-versions", request.path, request.get_host(), request.is_secure())
    return memo.for_request(request, key, lambda: _language_versions(context, request, page))


def _language_versions(context, request, page):
    if isinstance(page, Page) and page.pk:
        urls = i18n.page_urls_by_language(page, request)
        # A routable page's sub-page (e.g. a partner) has the same sub-path in every language.
        subpath = context.get("routed_subpath")
        if subpath:
            urls = {code: url + subpath if url else url for code, url in urls.items()}
    else:
        urls = {code: i18n.swap_language_prefix(request.path, code) for code in i18n.LANGUAGE_CODES}
    query = request.GET.urlencode()
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": i18n.LANGUAGE_NAMES[code],
            "short_name": SHORT_NAMES.get(code, code),
            "url": f"{urls[code]}?{query}" if query else urls[code],
            "absolute_url": request.build_absolute_uri(urls[code]),
            "is_current": code == current,
        }
        for code in i18n.LANGUAGE_CODES
        if urls[code]
    ]


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context["request"]
    site = Site.find_for_request(request)
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus", with the current one flagged."""
    root = site_root(context)
    if root is None:
        return []
    current = context.get("page")
    current_path = getattr(current, "url_path", "") or ""
    return [
        {
            **item,
            "is_active": current_path.startswith(item["url_path"]),
            "is_current": getattr(current, "pk", None) == item["pk"],
        }
        for item in navigation.menu_items(context["request"], root)
    ]


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """Ancestors from the home page down to (not including) ``page``."""
    return navigation.ancestors(context["request"], page)


@register.simple_tag
def crumb_label(page):
    """The current page's label in the breadcrumbs: its menu title, else its title."""
    return navigation.menu_title(page)


@register.simple_tag(takes_context=True)
def footer_links(context):
    request = context["request"]
    return navigation.social_links(request, SiteSettings.for_request(request))


@register.simple_tag
def fallback_lang(obj, field):
    """`` lang="en"`` when the field is shown in English because its translation is empty."""
    if i18n.falls_back(obj, field):
        # A constant from settings, never user input.
        return mark_safe(f' lang="{i18n.SOURCE_LANGUAGE}"')  # noqa: S308
    return ""


@register.simple_tag(takes_context=True)
def site_brand(context):
    """Logo, icons and share image: from Site settings, else the project's defaults."""
    request = context.get("request")
    return brand.brand(SiteSettings.for_request(request) if request else None)


@register.simple_tag
def police_record_url(number):
    return brand.police_record_url(number)
