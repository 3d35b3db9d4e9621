"""SEO and sharing: meta tags, Open Graph / Twitter, JSON-LD, sitemap.xml, robots.txt."""

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

from tests.support.helpers import soup

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def json_ld(response):
    scripts = soup(response).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return {item["@type"]: item for item in json.loads(scripts[0].string)["@graph"]}


def meta(response, key):
    tag = soup(response).select_one(f'meta[property="{key}"], meta[name="{key}"]')
    return tag["content"] if tag else None


def live_pages():
    return Page.objects.live().filter(depth__gt=1).specific()


@pytest.mark.parametrize("lang", ["en", "zh_hans"])
def test_every_page_has_translated_meta_canonical_and_share_tags(client, lang):
    code = lang.replace("_", "-")
    for page in live_pages():
        from django.utils import translation

        with translation.override(code):
            url = page.get_url()
            expected_title = page.seo_title or page.title
        response = client.get(url)
        assert response.status_code == 200, url
        html = soup(response)
        assert html.select_one("link[rel=canonical]")["href"] == f"http://testserver{url}"
        assert meta(response, "og:title") == expected_title
        assert meta(response, "og:url") == f"http://testserver{url}"
        description = meta(response, "description")
        assert description and description == meta(response, "og:description")
        assert meta(response, "twitter:card") == "summary_large_image"
        assert meta(response, "og:locale") == {"en": "en_US", "zh_hans": "zh_CN"}[lang]
        if getattr(page, "image", None) is None:
            assert meta(response, "og:image") == "http://testserver/static/img/share-default.png"
        else:  # the page's own image, cropped around its focal point for sharing
            assert meta(response, "og:image").startswith("http://testserver/media/images/")
            assert ".fill-1200x630.format-jpeg." in meta(response, "og:image")


def test_chinese_pages_have_chinese_descriptions(client):
    response = client.get("/zh-hans/guanyu/")
    assert meta(response, "description").startswith("关于清华医学")


def test_default_share_image_exists():
    from django.contrib.staticfiles import finders

    assert finders.find("img/share-default.png")


@pytest.mark.parametrize("lang", ["en", "zh_hans"])
def test_json_ld_college_and_breadcrumbs_resolve(client, lang):
    for page in live_pages():
        from django.utils import translation

        with translation.override(lang.replace("_", "-")):
            url = page.get_url()
        graph = json_ld(client.get(url))
        college = graph["CollegeOrUniversity"]
        assert college["name"] and college["url"].startswith("http://testserver/")
        items = graph["BreadcrumbList"]["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert items[-1]["item"] == f"http://testserver{url}"
        for item in items:
            assert client.get(urlsplit(item["item"]).path).status_code == 200


def test_partner_page_has_organization(client):
    response = client.get("/zh-hans/hezuo-yu-zhuanhua/partners/johns-hopkins-university/")
    graph = json_ld(response)
    assert graph["Organization"]["name"] == "约翰斯·霍普金斯大学"
    assert graph["Organization"]["address"]["addressCountry"] == "US"
    assert graph["BreadcrumbList"]["itemListElement"][-1]["name"] == "约翰斯·霍普金斯大学"


def test_json_ld_cannot_be_broken_out_of(client):
    page = Page.objects.get(slug_en="about").specific
    page.title_en = "</script><script>alert(1)</script>"
    page.save_revision().publish()
    response = client.get("/en/about/")
    assert "</script><script>alert(1)" not in response.content.decode()
    assert json_ld(response)["BreadcrumbList"]["itemListElement"][-1]["name"].startswith(
        "</script>"
    )


def test_search_page_is_noindex(client):
    response = client.get("/en/search/", {"q": "health"})
    assert meta(response, "robots") == "noindex, follow"
    assert soup(response).select_one("link[rel=canonical]") is None


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return root.findall("s:url", NS)


def test_sitemap_lists_every_live_page_in_both_languages_with_alternates(client):
    entries = sitemap_urls(client)
    locs = {entry.find("s:loc", NS).text for entry in entries}
    from django.utils import translation

    for page in live_pages():
        for code in ("en", "zh-hans"):
            with translation.override(code):
                assert f"http://testserver{page.get_url()}" in locs
    assert any("/partners/johns-hopkins-university/" in loc for loc in locs)
    for entry in entries:
        alternates = {
            link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)
        }
        assert set(alternates) == {"en", "zh-hans", "x-default"}
        assert entry.find("s:loc", NS).text in alternates.values()


def test_sitemap_urls_resolve_and_exclude_drafts_and_private_pages(client):
    from wagtail.models import PageViewRestriction

    about = Page.objects.get(slug_en="about")
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    goal = Page.objects.get(slug_en="building-academic-excellence")
    goal.unpublish()
    locs = [entry.find("s:loc", NS).text for entry in sitemap_urls(client)]
    assert not any("/about/" in loc or "/guanyu/" in loc for loc in locs)
    assert not any("academic-excellence" in loc or "xueshu-zhuoyue" in loc for loc in locs)
    for loc in locs:
        assert client.get(urlsplit(loc).path).status_code == 200, loc


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.get("/sitemap.xml").status_code == 200
