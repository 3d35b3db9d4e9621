"""News and events pages rendered from memory when warm (caching.memo): no SQL, yet every
change seen on the next request, and the upcoming list follows the clock."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import NewsPage
from tests.news.conftest import DATA, EVENTS_INDEX, NEWS_INDEX, add_news, news_item_url
from tests.support.helpers import LANGS, PREFIX, soup
from translations import i18n

pytestmark = pytest.mark.django_db


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".item-card__title a")]


def assert_warm_without_sql(client, urls):
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert again.content == first.content, url
        assert len(queries) == 0, (url, [q["sql"][:80] for q in queries])


@pytest.mark.parametrize("lang", LANGS)
def test_warm_news_pages_need_no_sql(client, lang):
    assert_warm_without_sql(client, [NEWS_INDEX[lang], news_item_url(lang), EVENTS_INDEX[lang]])


@pytest.mark.parametrize("lang", LANGS)
def test_warm_event_pages_need_no_sql(client, events, lang):
    # (The events fixture moves MEDIA_ROOT: the seeded news images are not in it.)
    event_url = i18n.page_urls_by_language(events["upcoming"])[lang.replace("_", "-")]
    assert_warm_without_sql(client, [EVENTS_INDEX[lang], event_url])


def test_a_new_item_shows_in_the_remembered_list_and_related_items(client):
    item = NewsPage.objects.get(slug_en=DATA["news"][0]["slug"]["en"])
    category = item.categories.first()
    assert category is not None
    client.get(NEWS_INDEX["en"])
    client.get(news_item_url("en"))
    add_news("Fresh related news", datetime.date(2026, 11, 1), categories=[category])
    assert "Fresh related news" in titles(client.get(NEWS_INDEX["en"]))
    assert "Fresh related news" in titles(client.get(news_item_url("en")))


def test_a_category_rename_reaches_the_item_page(client):
    item = NewsPage.objects.get(slug_en=DATA["news"][0]["slug"]["en"])
    category = item.categories.first()
    assert category is not None
    client.get(news_item_url("zh_hans"))
    category.name_zh_hans = "更名类别"
    category.save()
    assert "更名类别" in client.get(news_item_url("zh_hans")).content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_a_passed_event_leaves_the_upcoming_list_without_a_purge(client, events, monkeypatch, lang):
    symposium = {"en": "Test symposium", "zh_hans": "测试研讨会"}[lang]
    assert symposium in titles(client.get(EVENTS_INDEX[lang]))
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert symposium not in titles(client.get(EVENTS_INDEX[lang]))
    assert symposium in titles(client.get(EVENTS_INDEX[lang], {"show": "past"}))


@pytest.mark.parametrize("lang", LANGS)
def test_an_event_page_says_it_has_taken_place_once_it_has(client, events, monkeypatch, lang):
    """The event's remembered content is kept per "has it taken place", read on each view."""
    event = events["upcoming"]
    url = i18n.page_urls_by_language(event)[lang.replace("_", "-")]
    client.get(url)
    assert "event-past" not in client.get(url).content.decode()
    later = event.end + datetime.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "event-past" in client.get(url).content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_a_passed_event_leaves_the_home_page_without_a_purge(client, events, monkeypatch, lang):
    symposium = {"en": "Test symposium", "zh_hans": "测试研讨会"}[lang]
    home = PREFIX[lang]
    assert symposium in client.get(home).content.decode()
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert symposium not in client.get(home).content.decode()
