"""The site's frame in both languages: home, About, switcher, hreflang, redirects, 404s."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.content_loader import read_data
from tests.support.helpers import LANGS, PREFIX, alternates, folded, soup, switcher_links, text_of

pytestmark = pytest.mark.django_db
SITE = read_data()


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_shows_its_language(client, lang):
    response = client.get(PREFIX[lang])
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == PREFIX[lang].strip("/")
    assert folded(html.h1.get_text()) == SITE["home"]["hero_heading"][lang]
    text = text_of(response)
    assert SITE["home"]["hero_text"][lang] in text
    for paragraph in SITE["home"]["intro"][lang]:
        assert folded(paragraph) in text
    other = "en" if lang == "zh_hans" else "zh_hans"
    assert SITE["home"]["hero_heading"][other] not in text


@pytest.mark.parametrize("lang", LANGS)
def test_about_page_carries_all_the_about_text(client, lang):
    about = SITE["about"]
    response = client.get(f"{PREFIX[lang]}{about['slug'][lang]}/")
    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == about["title"][lang]
    text = text_of(response)
    for paragraph in about["body"][lang]:
        assert folded(paragraph) in text


def test_each_language_has_its_own_slug(client):
    about = SITE["about"]
    assert client.get(f"/en/{about['slug']['en']}/").status_code == 200
    assert client.get(f"/zh-hans/{about['slug']['zh_hans']}/").status_code == 200
    if about["slug"]["en"] != about["slug"]["zh_hans"]:
        assert client.get(f"/zh-hans/{about['slug']['en']}/").status_code == 404


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_and_hreflang_point_at_the_same_page(client, lang):
    about = SITE["about"]
    response = client.get(f"{PREFIX[lang]}{about['slug'][lang]}/")
    en_url = f"/en/{about['slug']['en']}/"
    zh_url = f"/zh-hans/{about['slug']['zh_hans']}/"
    expected_switch = {"zh-hans": zh_url} if lang == "en" else {"en": en_url}
    assert switcher_links(response) == expected_switch
    assert alternates(response) == {
        "en": f"http://testserver{en_url}",
        "zh-hans": f"http://testserver{zh_url}",
        "x-default": f"http://testserver{en_url}",
    }
    for url in (en_url, zh_url):
        assert client.get(url).status_code == 200


def test_home_switcher(client):
    assert switcher_links(client.get("/en/")) == {"zh-hans": "/zh-hans/"}
    assert switcher_links(client.get("/zh-hans/")) == {"en": "/en/"}


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "/zh-hans/"),
        ("zh", "/zh-hans/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    "path", ["/fr/", "/zh/x", "/de/about/", "/en/no-such-page/", "/zh-hans/no-such-page/"]
)
def test_unknown_paths_are_a_bilingual_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = soup(response)
    assert html.h1 is not None
    assert html.select(".lang-switch")


def test_404_page_speaks_the_language_of_its_prefix(client):
    en = soup(client.get("/en/no-such-page/"))
    zh = soup(client.get("/zh-hans/no-such-page/"))
    assert en.h1.get_text(strip=True) == "Page not found"
    assert zh.html["lang"] == "zh-hans"
    assert zh.h1.get_text(strip=True) != en.h1.get_text(strip=True)
    assert [a["href"] for a in zh.select(".lang-switch a")] == ["/en/no-such-page/"]


@pytest.mark.parametrize("lang", LANGS)
def test_menu_and_breadcrumbs(client, lang):
    about = SITE["about"]
    response = client.get(f"{PREFIX[lang]}{about['slug'][lang]}/")
    html = soup(response)
    menu = [a.get_text(strip=True) for a in html.select("#site-nav a")]
    assert about["title"][lang] in menu
    crumbs = html.select(".breadcrumbs li")
    assert [li.get_text(strip=True) for li in crumbs] == [
        {"en": "Home", "zh_hans": "首页"}[lang],
        about["title"][lang],
    ]
    lead = html.select_one(".breadcrumbs__lead")
    assert lead.get_text(strip=True) == {"en": "You are here:", "zh_hans": "当前位置："}[lang]
    # English sites do not print the lead; Chinese ones customarily show “当前位置：”.
    assert ("visually-hidden" in lead["class"]) == (lang == "en")


def test_empty_chinese_field_falls_back_to_english_marked_lang_en(client):
    from pages.models import StandardPage

    about = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    about.intro_zh_hans = ""
    about.save_revision().publish()
    html = soup(client.get(f"/zh-hans/{SITE['about']['slug']['zh_hans']}/"))
    lead = html.select_one("p.lead")
    assert lead.get_text(strip=True) == SITE["about"]["intro"]["en"]
    assert lead["lang"] == "en"
    # Translated fields carry no lang override.
    assert not html.h1.has_attr("lang")


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_query_count_is_small(client, lang):
    client.get(PREFIX[lang])  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PREFIX[lang])
    assert response.status_code == 200
    # The menu, site settings and view-restriction check come from the cache. The home page
    # sections (issue 15) add a fixed number, whatever the number of items: see
    # tests/pages/test_home_sections.py::test_home_query_count_is_bounded (13 measured).
    assert len(queries) <= 14, [q["sql"] for q in queries]
