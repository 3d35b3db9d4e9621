"""The frame's settings: brand images with their defaults, a footer that shows only what is
filled in (contact, social accounts with QR codes, statements, ICP / 公安 registration),
menu titles, a language switch that keeps the query string, readable search snippets."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Site

from pages import brand
from pages.models import SiteSettings, SocialLink, StandardPage
from search.fields import join_fields
from strategy.content_loader import read_data as read_plan
from tests.support.helpers import LANGS, PREFIX, alternates, soup, switcher_links

pytestmark = pytest.mark.django_db
PLAN = read_plan()
# A page without an image of its own: the share image there is the site's.
NO_IMAGE = {"en": "/en/cooperation/", "zh_hans": "/zh-hans/hezuo-yu-zhuanhua/"}


def make_image(title, size=(400, 400)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (102, 8, 116)).save(buffer, "PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.png"), width=size[0], height=size[1]
    )


@pytest.fixture
def site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def filled(site_settings):
    """Every optional footer and brand setting filled in. (Images go to the media root the
    seeded artwork lives in: pages render renditions of both.)"""
    about = StandardPage.objects.get(slug_en="about")
    site_settings.phone = "+86 10 6278 0000"
    site_settings.contact_email = "office@example.edu.cn"
    site_settings.icp_number = "京ICP备00000000号-1"
    site_settings.police_number = "京公网安备 11010802000000号"
    site_settings.privacy_page = about
    site_settings.accessibility_page = about
    site_settings.logo = make_image("logo", (600, 120))
    site_settings.favicon = make_image("icon")
    site_settings.share_image = make_image("share", (1600, 900))
    site_settings.save()
    SocialLink.objects.create(
        settings=site_settings,
        kind=SocialLink.Kind.WECHAT,
        label_en="WeChat: Example",
        label_zh_hans="微信公众号：示例",
        qr_code=make_image("qr", (300, 300)),
        sort_order=10,
    )
    return site_settings


@pytest.mark.parametrize("lang", LANGS)
def test_empty_settings_show_nothing(client, lang):
    html = soup(client.get(PREFIX[lang]))
    footer = html.select_one("footer.site-footer")
    assert not footer.select('a[href^="tel:"], a[href^="mailto:"]')
    assert not footer.select(".site-footer__registration, .site-footer__statements")
    assert not footer.select(".social-link__qr")
    assert "beian" not in str(footer)


@pytest.mark.parametrize("lang", LANGS)
def test_filled_settings_show_in_the_footer(client, filled, lang):
    html = soup(client.get(PREFIX[lang]))
    footer = html.select_one("footer.site-footer")
    assert footer.select_one('a[href="tel:+861062780000"]').get_text() == "+86 10 6278 0000"
    assert footer.select_one('a[href="mailto:office@example.edu.cn"]')
    icp = footer.select_one('a[href="https://beian.miit.gov.cn/"]')
    assert icp.get_text() == "京ICP备00000000号-1"
    police = footer.select_one('a[href^="http://www.beian.gov.cn/"]')
    assert police["href"] == (
        "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010802000000"
    )
    assert police.get_text() == "京公网安备 11010802000000号"
    statements = [a["href"] for a in footer.select(".site-footer__statements a")]
    about_url = {"en": "/en/about/", "zh_hans": "/zh-hans/guanyu/"}[lang]
    assert statements == [about_url, about_url]
    wechat = footer.select_one(".social-link--wechat")
    label = {"en": "WeChat: Example", "zh_hans": "微信公众号：示例"}[lang]
    assert label in wechat.get_text()
    qr = wechat.select_one("img.social-link__qr")
    assert qr["src"].endswith(".png") and label in qr["alt"]


def test_police_record_url_takes_the_digits():
    assert brand.police_record_url("京公网安备11010802012345号").endswith("=11010802012345")
    assert brand.police_record_url("") == ""
    assert brand.police_record_url("no digits") == ""


@pytest.mark.parametrize("lang", LANGS)
def test_default_brand_images(client, lang):
    html = soup(client.get(NO_IMAGE[lang]))
    assert html.select_one(".brand img")["src"] == "/static/img/logo.svg"
    icons = {link["href"] for link in html.select('link[rel="icon"]')}
    assert icons == {
        "/static/img/favicon.ico",
        "/static/img/favicon-32.png",
        "/static/img/favicon.svg",
    }
    assert html.select_one('link[rel="apple-touch-icon"]')["href"] == (
        "/static/img/apple-touch-icon.png"
    )
    og = html.select_one('meta[property="og:image"]')["content"]
    assert og == "http://testserver/static/img/share-default.png"


def test_default_brand_files_exist_with_their_sizes():
    from django.contrib.staticfiles import finders

    sizes = {
        "img/share-default.png": (1200, 630),
        "img/apple-touch-icon.png": (180, 180),
        "img/favicon-32.png": (32, 32),
    }
    for path, size in sizes.items():
        with PILImage.open(finders.find(path)) as image:
            assert image.size == size, path
    with PILImage.open(finders.find("img/favicon.ico")) as ico:
        assert (32, 32) in ico.info["sizes"]
    logo = Path(finders.find("img/logo.svg")).read_text(encoding="utf-8")
    assert "<script" not in logo and "清华医学" in logo


@pytest.mark.parametrize("lang", LANGS)
def test_brand_images_from_settings(client, filled, lang):
    html = soup(client.get(NO_IMAGE[lang]))
    logo = html.select_one(".brand img")
    assert logo["src"].startswith("/media/images/logo") and logo["alt"]
    assert logo["height"] == "96"
    icons = [link["href"] for link in html.select('link[rel="icon"]')]
    assert len(icons) == 1 and icons[0].startswith("/media/images/icon")
    assert "32x32" in icons[0] or icons[0].endswith(".png")
    apple = html.select_one('link[rel="apple-touch-icon"]')["href"]
    assert apple.startswith("/media/images/icon")
    og = html.select_one('meta[property="og:image"]')["content"]
    assert og.startswith("http://testserver/media/images/share")
    assert html.select_one('meta[property="og:image:width"]')["content"] == "1200"
    assert html.select_one('meta[property="og:image:height"]')["content"] == "630"
    # A page's own image (the home page's hero) wins over the site's share image.
    home = soup(client.get(PREFIX[lang])).select_one('meta[property="og:image"]')["content"]
    assert home.startswith("http://testserver/media/images/generated-artwork")


@pytest.mark.parametrize("lang", LANGS)
def test_filled_settings_add_no_queries(client, filled, lang):
    client.get(NO_IMAGE[lang])  # warm: renditions made, settings cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(NO_IMAGE[lang])
    assert response.status_code == 200
    assert len(queries) <= 5, [q["sql"] for q in queries]


@pytest.mark.parametrize("lang", LANGS)
def test_menu_and_breadcrumbs_use_the_menu_title(client, lang):
    plan, goal = PLAN["plan"], PLAN["goals"][0]
    html = soup(client.get(f"{PREFIX[lang]}{plan['slug'][lang]}/{goal['slug'][lang]}/"))
    menu = [a.get_text(strip=True) for a in html.select("#site-nav a")]
    assert plan["menu_title"][lang] in menu
    assert plan["title"][lang] not in menu
    crumbs = [li.get_text(strip=True) for li in html.select(".breadcrumbs li")]
    assert crumbs[1] == plan["menu_title"][lang]
    assert crumbs[2] == goal["title"][lang]
    # Search engines read the same trail.
    graph = json.loads(html.select_one('script[type="application/ld+json"]').string)["@graph"]
    trail = next(item for item in graph if item["@type"] == "BreadcrumbList")
    assert [item["name"] for item in trail["itemListElement"]][1:] == crumbs[1:]
    # The page itself keeps its full title.
    plan_page = soup(client.get(f"{PREFIX[lang]}{plan['slug'][lang]}/"))
    assert plan_page.h1.get_text(strip=True) == plan["title"][lang]


def test_an_untranslated_menu_title_loses_to_the_translated_title(client):
    about = StandardPage.objects.get(slug_en="about")
    about.menu_title_en = "About"
    about.menu_title_zh_hans = ""
    about.save_revision().publish()
    en = [a.get_text(strip=True) for a in soup(client.get("/en/")).select("#site-nav a")]
    zh = [a.get_text(strip=True) for a in soup(client.get("/zh-hans/")).select("#site-nav a")]
    assert "About" in en
    assert "About" not in zh and about.title_zh_hans in zh


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/en/cooperation/", "kind=international"),
        ("/zh-hans/hezuo-yu-zhuanhua/", "kind=enterprise&area=x"),
        ("/en/search/", "q=medicine"),
        ("/en/no-such-page/", "a=1&a=2"),
    ],
)
def test_language_switch_keeps_the_query_but_hreflang_does_not(client, path, query):
    response = client.get(f"{path}?{query}")
    links = switcher_links(response)
    assert len(links) == 1
    (target,) = links.values()
    assert target.endswith("?" + query)
    assert target.split("?")[0] != path
    for href in alternates(response).values():
        assert "?" not in href


def test_language_switch_survives_odd_query_strings(client):
    response = client.get("/en/cooperation/?kind=%00&area=%3Cscript%3E&x=%ZZ")
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        target = switcher_links(response)["zh-hans"]
        assert "<" not in target and "%3Cscript%3E" in target


def test_fields_are_joined_readably():
    assert join_fields(["Vision", "To lead.", "Mission"]) == "Vision · To lead. Mission"
    assert join_fields(["愿景", "成为引领者。", "使命"]) == "愿景 · 成为引领者。使命"
    assert join_fields(["", "x"]) == "x"


@pytest.mark.parametrize("lang", LANGS)
def test_search_snippets_do_not_run_fields_together(client, lang):
    query = {"en": "Vision", "zh_hans": "愿景"}[lang]
    html = soup(client.get(f"{PREFIX[lang]}search/", {"q": query}))
    snippets = [p.get_text() for p in html.select(".search-result__snippet")]
    assert snippets
    assert any(" · " in snippet for snippet in snippets), snippets


def test_a_kind_without_partners_shows_its_text_and_no_empty_grid(client):
    from partnerships.partners import Partner

    Partner.objects.filter(kind="hospital").delete()
    html = soup(client.get("/en/cooperation/?kind=hospital"))
    section = html.select_one("section#hospital")
    assert section is not None and section.select_one(".rich-text, p")
    assert not section.select(".partner-grid")
    text = html.get_text(" ")
    assert "0 partners match" not in text and "No partners match" not in text


def test_admin_saves_footer_settings_and_the_footer_follows(admin_client, client):
    from tests.support.helpers import form_fields

    url = "/admin/settings/pages/sitesettings/"
    response = admin_client.get(url, follow=True)
    assert response.status_code == 200
    html = soup(response)
    for name in ("logo", "favicon", "share_image", "privacy_page", "icp_number", "phone"):
        assert html.select_one(f'[name="{name}"]') is not None, name
    assert html.select_one('[name="social_links-0-kind"]') is not None
    client.get("/en/")  # the frame is now cached
    data = form_fields(response)
    data.update({"phone": "010-1234 5678", "icp_number": "京ICP备12345678号"})
    saved = admin_client.post(response.request["PATH_INFO"], data, follow=True)
    assert saved.status_code == 200
    footer = soup(client.get("/en/")).select_one("footer")
    assert footer.select_one('a[href="tel:01012345678"]').get_text() == "010-1234 5678"
    assert footer.select_one('a[href="https://beian.miit.gov.cn/"]').get_text() == (
        "京ICP备12345678号"
    )
