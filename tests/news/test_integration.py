"""News and events in the generic apps: search, sitemap, API, page cache, translation
status, seeding (idempotent), role grants."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from wagtail.images.models import Image

from news.models import Category, NewsPage
from pages.home_sections import choices
from seeding.models import ContentRecord
from tests.support.helpers import PREFIX, soup
from translations.status import build_report

from .conftest import DATA, NEWS_INDEX, news_item_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "query"),
    [("en", "collaborations"), ("zh_hans", "合作伙伴"), ("zh_hans", "战略规划")],
)
def test_search_finds_news_items(client, lang, query):
    response = client.get(f"{PREFIX[lang]}search/", {"q": query})
    links = [a["href"] for a in soup(response).select(".search-result a")]
    assert any(link.startswith(NEWS_INDEX[lang]) and link != NEWS_INDEX[lang] for link in links)


def test_sitemap_lists_news_in_both_languages(client):
    body = client.get("/sitemap.xml").content.decode()
    for lang in ("en", "zh_hans"):
        assert f"http://testserver{news_item_url(lang)}" in body
        assert f"http://testserver{NEWS_INDEX[lang]}" in body


@pytest.mark.parametrize(("lang", "prefix"), [("en", "/en"), ("zh_hans", "/zh-hans")])
def test_api_lists_news_items(client, lang, prefix):
    cache.clear()
    response = client.get(
        f"{prefix}/api/v2/pages/",
        {"type": "news.NewsPage", "fields": "date,summary,image_alt,categories"},
    )
    assert response.status_code == 200, response.content[:300]
    items = response.json()["items"]
    assert {item["title"] for item in items} == {item["title"][lang] for item in DATA["news"]}
    item = next(i for i in items if i["title"] == DATA["news"][0]["title"][lang])
    assert item["date"] == "2026-11-25"
    assert item["summary"] == DATA["news"][0]["summary"][lang]
    assert item["image_alt"]
    cache.clear()


def test_publishing_news_purges_home_and_news_index(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    for url in ("/en/", NEWS_INDEX["en"], NEWS_INDEX["zh_hans"]):
        client.get(url)
        assert client.get(url).get("X-Cache") == "HIT"
    item = NewsPage.objects.get(slug_en=DATA["news"][0]["slug"]["en"])
    item.title_en = "A retitled news item"
    item.save_revision().publish()
    assert "A retitled news item" in client.get("/en/").content.decode()
    assert "A retitled news item" in client.get(NEWS_INDEX["en"]).content.decode()
    assert client.get(NEWS_INDEX["zh_hans"]).get("X-Cache") == "MISS"
    cache.clear()


def test_renaming_a_category_purges_the_news_section(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    client.get(NEWS_INDEX["en"])
    category = Category.objects.get(slug="strategy")
    category.name_en = "Strategy and planning"
    category.save()
    assert "Strategy and planning" in client.get(NEWS_INDEX["en"]).content.decode()
    cache.clear()


def test_translation_status_covers_news():
    report = build_report()
    assert {"news.NewsPage", "news.Category", "news.NewsIndexPage", "news.EventIndexPage"} <= set(
        report.counts
    )
    assert report.gaps == []
    item = NewsPage.objects.first()
    NewsPage.objects.filter(pk=item.pk).update(summary_zh_hans="")
    found = {(type(g.owner).__name__, g.field) for g in build_report().gaps}
    assert ("NewsPage", "summary_zh_hans") in found


def test_loading_twice_changes_nothing():
    images_before = ContentRecord.objects.filter(key__startswith="image:").count()
    assert images_before >= 3
    call_command("load_site_content", verbosity=0)
    assert ContentRecord.objects.filter(key__startswith="image:").count() == images_before
    assert Image.objects.filter(title__startswith="Generated artwork").count() == images_before


def test_home_sections_registered_by_content_apps():
    keys = [key for key, _label in choices()]
    assert {"strategic_goals", "latest_news", "upcoming_events", "featured_partners"} <= set(keys)


def test_news_item_in_chinese_has_chinese_summary(client):
    with translation.override("zh-hans"):
        response = client.get(news_item_url("zh_hans"))
    assert DATA["news"][0]["summary"]["zh_hans"] in response.content.decode()
