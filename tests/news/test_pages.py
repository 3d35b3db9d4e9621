"""News and events pages in both languages: lists, filters, pagination, bad input, item
pages with image, related items and JSON-LD."""

import datetime
import json

import pytest
from django.utils import translation

from news.models import Category, NewsIndexPage
from tests.support.helpers import LANGS, soup, text_of

from .conftest import DATA, EVENTS_INDEX, NEWS_INDEX, add_news, news_item_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGS)
def test_news_index_lists_the_seeded_items(client, lang):
    response = client.get(NEWS_INDEX[lang])
    assert response.status_code == 200
    titles = [a.get_text(strip=True) for a in soup(response).select(".item-card__title a")]
    assert titles == [item["title"][lang] for item in reversed(DATA["news"])]
    html = soup(response)
    assert html.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"].endswith(
        "/feed/"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_news_item_page(client, lang):
    item = DATA["news"][0]
    response = client.get(news_item_url(lang))
    assert response.status_code == 200
    html = soup(response)
    assert html.select_one("h1").get_text(strip=True) == item["title"][lang]
    date = html.select_one(".news-item__meta time")
    assert date["datetime"] == "2026-11-25"
    assert date.get_text() == {"en": "Nov. 25, 2026", "zh_hans": "2026年11月25日"}[lang]
    img = html.select_one("figure picture img")
    alt = {"en": "Abstract pattern", "zh_hans": "抽象图案"}[lang]
    assert alt in img["alt"]
    assert int(img["width"]) * 9 == int(img["height"]) * 16  # fill-: 16:9 around the focus
    # The call to action links to the page the item is about.
    assert html.select_one(".cta a")["href"].startswith(
        {"en": "/en/", "zh_hans": "/zh-hans/"}[lang]
    )
    categories = [a.get_text() for a in html.select(".item-categories a")]
    assert categories == [
        next(c["name"][lang] for c in DATA["categories"] if c["slug"] == slug)
        for slug in item["categories"]
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_news_item_json_ld_is_a_news_article(client, lang):
    html = soup(client.get(news_item_url(lang)))
    graph = json.loads(html.select_one('script[type="application/ld+json"]').string)["@graph"]
    article = next(node for node in graph if node["@type"] == "NewsArticle")
    assert article["headline"] == DATA["news"][0]["title"][lang]
    assert article["datePublished"].startswith("2026-11-25")
    assert article["inLanguage"] == {"en": "en", "zh_hans": "zh-hans"}[lang]
    assert article["image"].startswith("http://testserver/")
    assert article["publisher"] == {"@id": "http://testserver/#organization"}
    assert html.select_one('meta[property="og:type"]')["content"] == "article"


def test_related_news_shares_a_category(client):
    html = soup(client.get(news_item_url("en", 0)))
    related = [a.get_text(strip=True) for a in html.select(".related-items .item-card__title a")]
    # Both seeded items are in the "website" category.
    assert related == [DATA["news"][1]["title"]["en"]]


def test_filters_by_year_and_category(client):
    strategy = Category.objects.get(slug="strategy")
    add_news("Old strategy note", datetime.date(2024, 3, 1), [strategy])
    add_news("Old other note", datetime.date(2024, 5, 1))

    def titles(**params):
        response = client.get(NEWS_INDEX["en"], params)
        assert response.status_code == 200
        return [a.get_text(strip=True) for a in soup(response).select(".item-card__title a")]

    assert titles(year="2024") == ["Old other note", "Old strategy note"]
    assert titles(year="2024", category="strategy") == ["Old strategy note"]
    assert DATA["news"][1]["title"]["en"] not in titles(category="strategy")
    html = soup(client.get(NEWS_INDEX["en"], {"year": "2024"}))
    current = [a.get_text() for a in html.select(".item-filters a[aria-current]")]
    assert current == ["2024", "All categories"]


@pytest.mark.parametrize(
    "query",
    [
        "?year=%00",
        "?category=%00",
        "?year=abc&category=nope",
        "?year=99999999999999999999",
        "?year=1999",
        "?category=strategy&category=%ff",
        "?year=2026&year=2026",
        "?unknown=1",
        "?category=%E6%88%98%E7%95%A5",
    ],
)
def test_bad_filters_are_ignored(client, query):
    response = client.get(NEWS_INDEX["en"] + query)
    assert response.status_code == 200
    assert len(soup(response).select(".item-card")) >= 1 or "No news" in text_of(response)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "%00", "99", "1.5", "２"])
def test_bad_page_numbers_are_404(client, page):
    assert client.get(f"{NEWS_INDEX['en']}?page={page}").status_code == 404
    assert client.get(f"{EVENTS_INDEX['en']}?page={page}").status_code == 404


def test_pagination(client):
    index = NewsIndexPage.objects.get()
    for number in range(index.per_page + 1):
        add_news(f"Filler {number}", datetime.date(2025, 1, 1) + datetime.timedelta(days=number))
    first = soup(client.get(NEWS_INDEX["en"]))
    assert len(first.select(".item-card")) == index.per_page
    next_link = first.select_one('.pagination a[rel="next"]')["href"]
    assert next_link == "?page=2"
    second = soup(client.get(NEWS_INDEX["en"] + next_link))
    assert len(second.select(".item-card")) == 3  # 2 seeded + 11 added = 13
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "?"
    filtered = soup(client.get(NEWS_INDEX["en"], {"year": "2025"}))
    assert filtered.select_one('.pagination a[rel="next"]')["href"] == "?year=2025&page=2"


@pytest.mark.parametrize("lang", LANGS)
def test_events_index_empty_state(client, lang):
    response = client.get(EVENTS_INDEX[lang])
    assert response.status_code == 200
    text = text_of(response)
    assert {"en": "No upcoming events.", "zh_hans": "暂无近期活动。"}[lang] in text


@pytest.mark.parametrize("lang", LANGS)
def test_events_upcoming_and_past(client, events, lang):
    def titles(**params):
        response = client.get(EVENTS_INDEX[lang], params)
        assert response.status_code == 200
        return [a.get_text(strip=True) for a in soup(response).select(".item-card__title a")]

    zh = lang == "zh_hans"
    assert titles() == (["测试研讨会", "测试讲座"] if zh else ["Test symposium", "Test lecture"])
    # No Chinese title: the English one shows (fallback), marked lang="en".
    assert titles(show="past") == ["Test workshop"]
    assert titles(category="strategy") == (["测试研讨会"] if zh else ["Test symposium"])
    assert client.get(EVENTS_INDEX[lang], {"show": "%00"}).status_code == 200


@pytest.mark.parametrize("lang", LANGS)
def test_event_page(client, events, lang):
    event = events["upcoming"]
    with translation.override(lang.replace("_", "-")):
        url = event.get_url()
    response = client.get(url)
    assert response.status_code == 200
    html = soup(response)
    assert (
        html.select_one(".event-facts time")["datetime"]
        == event.start.astimezone(datetime.timezone(datetime.timedelta(hours=8))).isoformat()
    )
    img = html.select_one("figure picture img")
    assert img["alt"] == {"en": "A lecture hall", "zh_hans": "报告厅"}[lang]
    graph = json.loads(html.select_one('script[type="application/ld+json"]').string)["@graph"]
    node = next(n for n in graph if n["@type"] == "Event")
    assert node["name"] == event.title_en if lang == "en" else "测试研讨会"
    assert node["location"] == {"@type": "Place", "name": "Test hall"}
    assert node["startDate"].endswith("+08:00")
    related = [a.get_text(strip=True) for a in html.select(".related-items .item-card__title a")]
    assert related == ["Test workshop"]
    assert html.select_one('a[href$="/ical/"]') is not None


def test_past_event_says_so(client, events):
    response = client.get(events["past"].get_url())
    assert "This event has taken place." in text_of(response)


@pytest.mark.parametrize("lang", LANGS)
def test_an_item_whose_image_file_is_lost_still_renders(client, media, lang):
    """The seeded images' files are not in this test's MEDIA_ROOT: a lost upload must cost
    the picture, not the page."""
    response = client.get(news_item_url(lang))
    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == DATA["news"][0]["title"][lang]
