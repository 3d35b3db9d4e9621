"""Seed content of the pages app: site settings, home page, About page, home page cards."""

import json
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.conf import settings
from wagtail.models import Page, Site

from seeding.sync import paragraphs_html, translated, translated_paragraphs

from . import artwork
from .models import HomePage, SiteSettings, StandardPage

DATA_FILE = Path(__file__).parent / "content" / "site.yaml"


def read_data():
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def load_site(sync):
    data = read_data()
    home = _home_page(sync, data["home"])
    site = _site(home)
    _settings(sync, site, data["settings"])
    about = data["about"]
    about_image = artwork.image(data["about_artwork"], sync)
    sync.page(
        "page:about",
        home,
        StandardPage,
        {
            **translated("title", about["title"]),
            **translated("slug", about["slug"]),
            **translated("search_description", about["search_description"]),
            **translated("intro", about["intro"]),
            **{
                f"body_{lang}": [("paragraph", paragraphs_html([p])) for p in about["body"][lang]]
                for lang in ("en", "zh_hans")
            },
            "show_in_menus": True,
            **_image_fields(about_image, data["about_artwork"]),
        },
    )


def _image_fields(image, variant):
    if image is None:
        return {"image": None}
    return {"image": image, **translated("image_alt", artwork.alt_text(variant))}


def link_home_sections(sync):
    """Run last: the home page cards point at pages other apps create."""
    data = read_data()["home"]
    home = sync.get("page:home")
    rows = []
    for card in data["featured"]:
        target = sync.get(f"page:{card['target']}")
        if target is not None:
            rows.append(
                {
                    "link_page": target,
                    **translated("title", card["title"]),
                    **translated("text", card["text"]),
                }
            )
    full = read_data()
    hero_image = artwork.image(full["home_sections"]["hero"]["artwork"], sync)
    fields = {
        **_home_fields(data),
        **_image_fields(hero_image, full["home_sections"]["hero"]["artwork"]),
        **_home_body(sync, full["home_sections"], hero_image, data["intro"]),
    }
    sync.page("page:home", home.get_parent(), HomePage, fields, {"featured_links": rows})


def _home_body(sync, data, hero_image, intro):
    """HomePage.body in each language: hero, key figures, the content sections other apps
    register (pages.home_sections), routes for audiences, partners."""

    def page_pk(target):
        page = sync.get(f"page:{target}")
        return page.pk if page is not None else None

    body = {}
    for lang in ("en", "zh_hans"):
        hero = data["hero"]
        figures = data["key_figures"]
        blocks = [
            (
                "hero",
                {
                    "heading": hero["heading"][lang],
                    "text": hero["text"][lang],
                    "image": hero_image.pk if hero_image else None,
                    "image_alt": artwork.alt_text(hero["artwork"])[lang] if hero_image else "",
                    "link_page": page_pk(hero["target"]),
                    "link_label": hero["link_label"][lang],
                },
            ),
            *[("paragraph", paragraphs_html([p])) for p in intro[lang]],
            (
                "key_figures",
                {
                    "heading": figures["heading"][lang],
                    "figures": [
                        {"figure": f["figure"][lang], "label": f["label"][lang]}
                        for f in figures["figures"]
                    ],
                    "source_page": page_pk(figures["target"]),
                },
            ),
        ]
        blocks += [
            (
                "content_section",
                {"section": s["section"], "heading": s["heading"][lang], "count": s["count"]},
            )
            for s in data["sections"]
        ]
        routes = [
            {"audience": r["audience"][lang], "text": r["text"][lang], "page": page_pk(r["target"])}
            for r in data["audience_routes"]["routes"]
        ]
        routes = [route for route in routes if route["page"] is not None]
        if routes:
            heading = data["audience_routes"]["heading"][lang]
            blocks.append(("audience_routes", {"heading": heading, "routes": routes}))
        partners = data["partners"]
        blocks.append(
            (
                "content_section",
                {
                    "section": "featured_partners",
                    "heading": partners["heading"][lang],
                    "count": partners["count"],
                },
            )
        )
        body[f"body_{lang}"] = json.dumps(
            [{"type": kind, "value": value} for kind, value in blocks], ensure_ascii=False
        )
    return body


def _home_fields(data):
    return {
        **translated("title", data["title"]),
        "slug_en": "home",
        "slug_zh_hans": "home",
        **translated("seo_title", data["seo_title"]),
        **translated("search_description", data["search_description"]),
        **translated("hero_heading", data["hero_heading"]),
        **translated("hero_text", data["hero_text"]),
        **translated_paragraphs("intro", data["intro"]),
    }


def _home_page(sync, data):
    """Create the home page once; link_home_sections() keeps it in step with the data."""
    home = sync.get("page:home")
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's initial migration creates a placeholder "Welcome" page (slug "home", and the
    # default Site's root); ours replaces it. Deleting it also deletes that Site.
    root.get_children().filter(
        content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    # The same fields link_home_sections() writes, empty for now: the loader's record then
    # covers them, and that later run is an update, not "edited in the admin".
    placeholders = {
        "image": None,
        **translated("image_alt", {"en": "", "zh_hans": ""}),
        **translated("body", {"en": "[]", "zh_hans": "[]"}),
    }
    return sync.page(
        "page:home", root, HomePage, {**_home_fields(data), **placeholders}, {"featured_links": []}
    )


def site_address():
    """(hostname, port) of settings.SITE_URL, or localhost:80 when it is not set."""
    parts = urlsplit(settings.SITE_URL or "http://localhost")
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def _site(home):
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None:
        return Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Tsinghua Medicine",
        )
    changed = site.root_page_id != home.pk
    if changed:
        site.root_page = home
        site.site_name = "Tsinghua Medicine"
    # The deployment's address wins over whatever the Site says (html_url, sitemaps …).
    if settings.SITE_URL and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        changed = True
    if changed:
        site.save()
    return site


def _settings(sync, site, data):
    sync.snippet(
        "settings:site",
        SiteSettings,
        {
            "site": site,
            **translated("institution_name", data["institution_name"]),
            **translated("institution_full_name", data["institution_full_name"]),
            **translated("footer_text", data["footer_text"]),
            **translated("address", data["address"]),
            "contact_email": data["contact_email"],
        },
        {
            "social_links": [
                {**translated("label", link["label"]), "url": link["url"]}
                for link in data["social_links"]
            ]
        },
        adopt=SiteSettings.for_site(site),
    )
