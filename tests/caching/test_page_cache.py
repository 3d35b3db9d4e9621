"""The anonymous page cache: what it serves, what it never serves, and every purge path."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from caching.middleware import PageCacheMiddleware
from pages.content_loader import read_data
from pages.models import SiteSettings, StandardPage
from strategy.content_loader import read_data as plan_data
from strategy.models import StrategicGoalPage
from tests.support.helpers import LANGS, PREFIX, soup, text_of

pytestmark = pytest.mark.django_db
SITE = read_data()
PLAN = plan_data()


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def about_url(lang):
    return f"{PREFIX[lang]}{SITE['about']['slug'][lang]}/"


def plan_url(lang):
    return f"{PREFIX[lang]}{PLAN['plan']['slug'][lang]}/"


def goal_url(index, lang):
    return f"{plan_url(lang)}{PLAN['goals'][index]['slug'][lang]}/"


def about_page():
    return StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])


def cache_state(client, url):
    response = client.get(url)
    return response.status_code, response.get("X-Cache")


@pytest.mark.parametrize("lang", LANGS)
def test_second_view_is_served_from_cache_without_queries(client, lang):
    first = client.get(about_url(lang))
    assert first["X-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(about_url(lang))
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert len(queries) == 0


def test_each_language_gets_its_own_cached_page(client):
    for _ in range(2):
        en = soup(client.get("/en/"))
        zh = soup(client.get("/zh-hans/"))
        assert en.html["lang"] == "en"
        assert zh.html["lang"] == "zh-hans"
        assert en.h1.get_text(strip=True) == SITE["home"]["hero_heading"]["en"]
        assert zh.h1.get_text(strip=True) == SITE["home"]["hero_heading"]["zh_hans"]


def test_editors_are_never_served_from_or_stored_in_the_cache(admin_client):
    client = Client()  # anonymous, beside the logged-in editor
    client.get("/en/")  # cached by an anonymous visit
    response = admin_client.get("/en/")
    assert "X-Cache" not in response
    assert admin_client.get(about_url("en")).get("X-Cache") is None
    # The editor's visit did not fill the cache for anonymous visitors either.
    assert cache_state(client, about_url("en")) == (200, "MISS")


def test_query_strings_and_other_methods_bypass_the_cache(client):
    assert client.get("/en/?utm_source=x").get("X-Cache") is None
    assert client.head(about_url("en")).get("X-Cache") == "MISS"
    assert client.post(about_url("en")).get("X-Cache") is None


def test_messages_cookie_bypasses_the_cache(client):
    client.get("/en/")
    client.cookies["messages"] = "anything"
    assert client.get("/en/").get("X-Cache") is None


def test_responses_that_used_a_csrf_token_are_not_cached():
    def view_with_form(request):
        return HttpResponse(f"<form><input value='{get_token(request)}'></form>")

    middleware = PageCacheMiddleware(view_with_form)
    request = RequestFactory().get("/en/contact/")
    with translation.override("en"):
        assert "X-Cache" not in middleware(request)
        assert "X-Cache" not in middleware(RequestFactory().get("/en/contact/"))


@pytest.mark.parametrize("lang", LANGS)
def test_publishing_a_page_purges_it_in_both_languages(client, lang):
    for code in LANGS:
        client.get(about_url(code))
    page = about_page()
    setattr(page, f"intro_{lang.replace('-', '_')}", "Freshly published intro 新导语")
    page.save_revision().publish()
    assert "Freshly published intro 新导语" in text_of(client.get(about_url(lang)))
    assert cache_state(client, about_url(lang))[1] == "HIT"  # refilled after the purge
    other = "en" if lang == "zh_hans" else "zh_hans"
    assert cache_state(client, about_url(other))[1] == "MISS"  # purged too


def test_publishing_a_goal_purges_its_section_only(client):
    for url in (plan_url("en"), goal_url(1, "zh_hans"), about_url("en")):
        client.get(url)
    goal = StrategicGoalPage.objects.get(slug_en=PLAN["goals"][0]["slug"]["en"])
    goal.title_en = "Educating, retitled"
    goal.title_zh_hans = "教育，新标题"
    goal.save_revision().publish()
    assert "Educating, retitled" in text_of(client.get(plan_url("en")))
    assert "教育，新标题" in text_of(client.get(goal_url(1, "zh_hans")))  # previous-goal link
    assert cache_state(client, about_url("en"))[1] == "HIT"  # another section: kept


def test_unpublishing_a_page_is_never_answered_from_cache(client):
    client.get(goal_url(2, "en"))
    StrategicGoalPage.objects.get(slug_en=PLAN["goals"][2]["slug"]["en"]).unpublish()
    assert client.get(goal_url(2, "en")).status_code == 404
    assert PLAN["goals"][2]["title"]["en"] not in text_of(client.get(plan_url("en")))


def test_deleting_a_page_is_never_answered_from_cache(client):
    client.get(goal_url(3, "zh_hans"))
    StrategicGoalPage.objects.get(slug_en=PLAN["goals"][3]["slug"]["en"]).delete()
    assert client.get(goal_url(3, "zh_hans")).status_code == 404


def test_moving_a_page_purges_its_old_and_new_address(client):
    about = about_page()
    child = StandardPage(title_en="Moving", slug_en="moving", slug_zh_hans="banqian")
    with translation.override("en"):
        about.add_child(instance=child)
    child.save_revision().publish()
    old_url = f"{about_url('en')}moving/"
    assert cache_state(client, old_url) == (200, "MISS")
    assert cache_state(client, old_url) == (200, "HIT")
    child.move(about.get_parent(), pos="last-child")
    # Wagtail leaves a redirect at the old address; the cached page is not served there.
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, "/en/moving/")
    assert client.get("/en/moving/").status_code == 200


def test_site_settings_change_purges_every_page(client):
    for url in ("/en/", about_url("zh_hans"), goal_url(0, "en")):
        client.get(url)
    settings_row = SiteSettings.objects.get()
    settings_row.footer_text_en = "New footer line"
    settings_row.footer_text_zh_hans = "新的页脚"
    settings_row.save()
    assert "New footer line" in text_of(client.get("/en/"))
    assert "新的页脚" in text_of(client.get(about_url("zh_hans")))
    assert "New footer line" in text_of(client.get(goal_url(0, "en")))


def test_a_page_made_private_is_never_served_from_cache(client):
    from wagtail.models import PageViewRestriction

    assert cache_state(client, about_url("en")) == (200, "MISS")
    assert cache_state(client, about_url("en")) == (200, "HIT")
    restriction = PageViewRestriction.objects.create(
        page=about_page(), restriction_type=PageViewRestriction.LOGIN
    )
    for lang in LANGS:
        response = client.get(about_url(lang))
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    restriction.delete()
    assert cache_state(client, about_url("zh_hans"))[0] == 200


def test_view_restrictions_are_checked_once_the_site_has_any(client):
    """The shortcut that skips Wagtail's restriction queries must not skip real ones."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=about_page(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Moderators")])
    goal = StrategicGoalPage.objects.first()
    assert list(goal.get_view_restrictions()) == []
    assert list(about_page().get_view_restrictions()) == [restriction]
    assert client.get(about_url("zh_hans")).status_code == 302
