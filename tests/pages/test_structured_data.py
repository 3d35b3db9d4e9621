"""The organisation in JSON-LD and og:site_name, on the home page (whose template reads the
site settings only after <head>) and on an inner page, in both languages."""

import json

import pytest

from tests.support.helpers import soup

pytestmark = pytest.mark.django_db

EXPECTED = {
    "en": {
        "name": "Tsinghua University School of Medicine",
        "alternateName": "Tsinghua Medicine",
        "address": "Tsinghua University, Haidian District, Beijing 100084, China",
    },
    "zh-hans": {
        "name": "清华大学医学院",
        "alternateName": "清华医学",
        "address": "中国北京市海淀区清华大学，邮编 100084",
    },
}
PAGES = {
    "en": ["/en/", "/en/about/", "/en/search/?q=health"],
    "zh-hans": ["/zh-hans/", "/zh-hans/guanyu/", "/zh-hans/search/?q=医学"],
}


def organisation_and_site_name(response):
    html = soup(response)
    scripts = html.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    graph = {item["@type"]: item for item in json.loads(scripts[0].string)["@graph"]}
    site_name = html.select_one('meta[property="og:site_name"]')["content"]
    return graph["CollegeOrUniversity"], site_name


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_organisation_is_complete_on_every_kind_of_page(client, lang):
    expected = EXPECTED[lang]
    for url in PAGES[lang]:
        response = client.get(url)
        assert response.status_code == 200, url
        college, site_name = organisation_and_site_name(response)
        assert college["name"] == expected["name"], url
        assert college["alternateName"] == expected["alternateName"], url
        assert college["address"] == {
            "@type": "PostalAddress",
            "streetAddress": expected["address"],
        }, url
        assert college["sameAs"] and all(u.startswith("https://") for u in college["sameAs"])
        assert "https://www.tsinghua.edu.cn/en/" in college["sameAs"] or lang != "en"
        assert site_name == expected["alternateName"], url


def test_home_page_same_as_matches_the_footer_links(client):
    for url in ("/en/", "/zh-hans/"):
        response = client.get(url)
        college, _site_name = organisation_and_site_name(response)
        footer = [a["href"] for a in soup(response).select("footer a[href^='https://']")]
        assert set(college["sameAs"]) <= set(footer), (college["sameAs"], footer)
