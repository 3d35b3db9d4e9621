"""Search: Chinese and English queries, relevance, snippets, pagination, bad input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from search.fields import readable_text
from search.segmentation import han_bigrams, query_terms, segment_for_index
from tests.support.helpers import PREFIX, soup, switcher_links, text_of

pytestmark = pytest.mark.django_db

# The relevance table: (language, query, English slug of the page expected in the top 3).
RELEVANCE = [
    ("en", "precision medicine", "about"),
    ("en", "five schools and four affiliated hospitals", "about"),
    ("en", "physician-scientists education", "educating-for-a-healthier-future"),
    ("en", "discovery translation", "discovering-for-better-health"),
    ("en", "disciplinary foundation", "building-academic-excellence"),
    ("en", "population health communities", "caring-for-communities-and-population-health"),
    ("en", "educators clinicians", "investing-in-our-people"),
    ("en", "global health governance", "leading-for-global-well-being"),
    ("en", "vision mission strategic plan", "strategic-plan"),
    ("en", "enterprise cooperation", "cooperation"),
    ("zh_hans", "医学", "home"),
    ("zh_hans", "国际合作", "cooperation"),
    ("zh_hans", "人工智能", "about"),
    ("zh_hans", "战略规划", "strategic-plan"),
    ("zh_hans", "医学教育", "educating-for-a-healthier-future"),
    ("zh_hans", "科学发现", "discovering-for-better-health"),
    ("zh_hans", "学术卓越", "building-academic-excellence"),
    ("zh_hans", "人群健康", "caring-for-communities-and-population-health"),
    ("zh_hans", "人才", "investing-in-our-people"),
    ("zh_hans", "全球健康", "leading-for-global-well-being"),
]


def search(client, lang, query, **params):
    return client.get(f"{PREFIX[lang]}search/", {"q": query, **params})


def result_links(response):
    return [a["href"] for a in soup(response).select(".search-result__title a")]


def all_result_links(client, lang, query):
    links, page = [], 1
    while True:
        response = search(client, lang, query, page=page)
        links += result_links(response)
        if not soup(response).select_one('a[rel="next"]'):
            return links
        page += 1


def page_url(slug_en, lang):
    page = Page.objects.get(slug_en=slug_en).specific
    with translation.override(lang.replace("_", "-")):
        return page.get_url()


# Segmentation ------------------------------------------------------------------------------


def test_han_text_is_indexed_as_characters_and_bigrams():
    assert han_bigrams("医学院") == ["医学", "学院"]
    indexed = segment_for_index("清华大学医学院 Tsinghua hospitals").split()
    assert {"医学", "华大", "学院", "医"} <= set(indexed)
    assert "hospital" in indexed  # plural also indexed singular, as PostgreSQL stems it


def test_queries_are_split_the_same_way_and_lose_their_syntax():
    assert query_terms("国际合作") == ["国际", "际合", "合作"]
    assert query_terms('"AI" OR 1=1; -- <script>') == ["ai", "1", "script"]
    assert query_terms("the hospitals") == ["hospital"]
    assert query_terms("  ") == []


# Relevance ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "query", "slug"), RELEVANCE)
def test_relevance_table(client, lang, query, slug):
    response = search(client, lang, query)
    assert response.status_code == 200
    assert page_url(slug, lang) in result_links(response)[:3], result_links(response)


@pytest.mark.parametrize("query", ["医学", "国际合作", "人工智能"])
def test_chinese_words_inside_sentences_are_found(client, query):
    links = all_result_links(client, "zh_hans", query)
    # Every page whose Chinese text contains the word is found.
    expected = set()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        with translation.override("zh-hans"):
            text = page.title + readable_text(page, "zh-hans")
            if query in text:
                expected.add(page.get_url())
    assert expected
    assert expected <= set(links)


def test_results_show_the_current_language_with_highlighted_snippets(client):
    zh = search(client, "zh_hans", "人工智能")
    first = soup(zh).select_one(".search-result")
    assert first.select_one("mark").get_text() == "人工智能"
    assert first.select_one("a")["href"].startswith("/zh-hans/")
    en = search(client, "en", "precision medicine")
    marks = {m.get_text().lower() for m in soup(en).select(".search-result mark")}
    assert {"precision", "medicine"} <= marks
    assert all(href.startswith("/en/") for href in result_links(en))


def test_partners_are_found_in_both_languages(client):
    for lang, query in (("en", "Johns Hopkins"), ("zh_hans", "霍普金斯")):
        response = search(client, lang, query)
        result = soup(response).select_one(".search-result--partner")
        assert result is not None, text_of(response)
        assert "johns-hopkins-university" in result.select_one("a")["href"]
        assert client.get(result.select_one("a")["href"]).status_code == 200


def test_no_results_message_and_suggestions(client):
    response = search(client, "en", "zzyzx")
    assert "No results for “zzyzx”" in text_of(response)
    zh = search(client, "zh_hans", "不存在的词语")
    assert "没有找到与“不存在的词语”相关的结果" in text_of(zh)
    for lang, page in (("en", response), ("zh_hans", zh)):
        suggestions = soup(page).select(".search__suggestions a")
        assert len(suggestions) == 5
        for suggestion in suggestions:  # each suggestion itself finds something
            follow = client.get(f"{PREFIX[lang]}search/{suggestion['href']}")
            assert result_links(follow), suggestion.get_text()


def test_some_words_when_not_all_match(client):
    response = search(client, "en", "hospitals zzyzx")
    assert result_links(response)
    assert soup(response).select_one(".search__note")


def test_pagination(client):
    first = search(client, "en", "medicine")
    count = len(result_links(first))
    assert count == 10
    assert soup(first).select_one('a[rel="next"]')
    second = search(client, "en", "medicine", page=2)
    assert result_links(second) and set(result_links(second)).isdisjoint(result_links(first))


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1e9", "%00"])
def test_invalid_page_numbers_show_a_normal_page(client, page):
    response = search(client, "en", "health", page=page)
    assert response.status_code == 200
    # A page of results (the first or the last), not an empty or error page.
    assert len(result_links(response)) >= 1
    assert set(result_links(response)) <= set(all_result_links(client, "en", "health"))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "x" * 10_000,
        "医" * 10_000,
        "'; DROP TABLE wagtailcore_page; --",
        '"unterminated AND (OR NEAR *',
        "<script>alert(1)</script>",
        "\x00\x01",
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh_hans"])
def test_bad_input_never_breaks_or_is_reflected(client, lang, query):
    pages_before = Page.objects.count()
    response = search(client, lang, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    # A normal search page: the form is there and keeps (a safe form of) the query.
    field = soup(response).select_one("main form input[name=q]")
    assert field is not None
    if query == "<script>alert(1)</script>":
        assert field["value"] == query  # shown as text, escaped in the HTML
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert Page.objects.count() == pages_before


def test_language_switcher_keeps_the_query(client):
    links = switcher_links(search(client, "en", "医学"))
    assert links["zh-hans"].startswith("/zh-hans/search/?q=")


def test_header_search_form_on_every_page(client):
    for lang in ("en", "zh_hans"):
        form = soup(client.get(PREFIX[lang])).select_one("header form[role=search]")
        assert form["action"] == f"{PREFIX[lang]}search/" and form["method"] == "get"
        field = form.select_one("input[name=q]")
        assert form.select_one(f"label[for={field['id']}]")


def test_query_count_does_not_grow_with_results(client):
    with CaptureQueriesContext(connection) as few:
        few_results = result_links(search(client, "en", "global health governance"))
    with CaptureQueriesContext(connection) as many:
        many_results = result_links(search(client, "en", "health"))
    # Otherwise the comparison below would prove nothing.
    assert len(few_results) < len(many_results) == 10
    assert len(many) <= len(few) + 8, [q["sql"][:80] for q in many.captured_queries]
    assert len(many) < 40
