"""What a page tells search engines and social sites: title, description, canonical URL,
Open Graph / Twitter card, and JSON-LD (schema.org) structured data."""

import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from wagtail.models import Page, Site

from caching import memo
from search.fields import readable_text

from . import brand, images, navigation
from .models import SiteSettings

DESCRIPTION_CHARS = {"en": 160, "zh-hans": 80}
SHARE_RENDITION = "fill-1200x630|format-jpeg"
SHARE_SIZE = (1200, 630)
OG_LOCALES = {"en": "en_US", "zh-hans": "zh_CN"}
# What JSON inside <script> must not contain literally (same as Django's json_script).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def page_description(page, site_settings=None, request=None):
    """The page's own description, else the start of its text, else the site's tagline.
    With the request, the text is remembered until the page's section is purged (it walks
    the page's search fields, related ones included)."""
    language = get_language()
    own = (getattr(page, "search_description", "") or "").strip() if page else ""
    if own:
        return own
    if page is not None and hasattr(page, "get_search_fields"):

        def text_of_page():
            return readable_text(page, language, skip=("title", "search_description"))

        if request is not None and page.pk:
            text = memo.for_request(request, ("description", page.pk), text_of_page)
        else:
            text = text_of_page()
        if text:
            return Truncator(text).chars(DESCRIPTION_CHARS.get(language, 160))
    return getattr(site_settings, "footer_text", "") or ""


def page_title(page):
    return (getattr(page, "seo_title", "") or "").strip() or getattr(page, "title", "")


def head_context(context):
    """Everything the SEO part of <head> needs, from the template context."""
    request = context["request"]
    page = context.get("page")
    page = page if isinstance(page, Page) and page.pk else None
    partner = context.get("partner")
    site_settings = _site_settings(context)
    site_name = getattr(site_settings, "institution_name", "") or "Tsinghua Medicine"
    language = get_language()

    if partner is not None:
        title = partner.name
        description = strip_tags(partner.description or "") or page_description(
            page, site_settings, request
        )
    else:
        title = page_title(page) if page else context.get("seo_title", "")
        description = page_description(page, site_settings, request)

    canonical = None
    if not context.get("noindex"):
        canonical = request.build_absolute_uri(request.path)
    site_brand = brand.brand(site_settings)
    image = request.build_absolute_uri(site_brand["share"])
    graph = [college(request, site_settings, site_brand)]
    if page is not None:
        graph.append(breadcrumbs(page, request, partner))
    if partner is not None:
        graph.append(organization(partner, canonical))
    # Registration point: a page type adds its own nodes (news: NewsArticle, Event).
    extra = getattr(page, "structured_data", None) if partner is None else None
    if extra is not None:
        graph.extend(extra(request))
    share = _page_share_image(page, request)
    if share:
        image = share
    return {
        "seo_title": title or site_name,
        "seo_description": description,
        "canonical": canonical,
        "noindex": context.get("noindex", False),
        "site_name": site_name,
        "share_image": image,
        "share_image_width": SHARE_SIZE[0] if share else site_brand["share_size"][0],
        "share_image_height": SHARE_SIZE[1] if share else site_brand["share_size"][1],
        "og_type": "article" if extra is not None else "website",
        "og_locale": OG_LOCALES.get(language, "en_US"),
        "og_locale_alternates": [v for k, v in OG_LOCALES.items() if k != language],
        "json_ld": json_ld({"@context": "https://schema.org", "@graph": graph}),
    }


def college(request, site_settings, site_brand=None):
    site = Site.find_for_request(request)
    home = site.root_page if site else None
    data = {
        "@type": "CollegeOrUniversity",
        "@id": request.build_absolute_uri("/#organization"),
        "name": getattr(site_settings, "institution_full_name", "")
        or getattr(site_settings, "institution_name", "Tsinghua Medicine"),
        "alternateName": getattr(site_settings, "institution_name", "") or None,
        "url": request.build_absolute_uri(home.get_url(request=request)) if home else None,
        "logo": request.build_absolute_uri(_logo_url(site_brand or brand.brand(site_settings))),
        "parentOrganization": {"@type": "CollegeOrUniversity", "name": "Tsinghua University"},
    }
    address = getattr(site_settings, "address", "")
    if address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": address}
    links = [link.url for link in navigation.social_links(request, site_settings)]
    if links:
        data["sameAs"] = links
    return {key: value for key, value in data.items() if value}


def breadcrumbs(page, request, partner=None):
    """Home … page (… partner): the same trail the visible breadcrumbs show."""
    trail = [*navigation.ancestors(request, page), page]
    # The labels the visible breadcrumbs show (menu titles where set).
    items = [
        (
            navigation.menu_title(crumb) if crumb is page else getattr(crumb, "label", crumb.title),
            request.build_absolute_uri(crumb.get_url(request=request)),
        )
        for crumb in trail
    ]
    if partner is not None:
        items.append((partner.name, request.build_absolute_uri(request.path)))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def organization(partner, url):
    data = {
        "@type": "Organization",
        "name": partner.name,
        "alternateName": partner.short_name or None,
        "url": partner.website or url,
        "description": strip_tags(partner.description or "") or None,
    }
    if partner.country:
        data["address"] = {
            "@type": "PostalAddress",
            "addressCountry": partner.country.code,
            "addressLocality": partner.city or None,
        }
        data["address"] = {k: v for k, v in data["address"].items() if v}
    return {key: value for key, value in data.items() if value}


def json_ld(data):
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # Escaped above: "</script>" cannot occur in the output.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def _logo_url(site_brand):
    """A raster logo for search engines: the uploaded logo, else the 180 px icon."""
    return site_brand["logo"]["url"] if site_brand["logo"] else site_brand["apple"]


def _page_share_image(page, request):
    """The page's own image (pages.images.PageImageMixin), cropped for sharing; remembered
    until the page's section is purged (publishing the page purges it)."""
    if page is None or not getattr(page, "image_id", None):
        return None

    url = memo.for_request(
        request, ("share-image", page.pk), lambda: images.rendition_url(page.image, SHARE_RENDITION)
    )
    return request.build_absolute_uri(url) if url else None


def _site_settings(context):
    """The site's settings (cached with their brand images: SiteSettings.for_request)."""
    request = context.get("request")
    return SiteSettings.for_request(request) if request is not None else None
