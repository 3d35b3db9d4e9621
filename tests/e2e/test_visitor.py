"""A visitor in a real browser: language from Accept-Language, menu, plan and goals, language
switch on the same page, Chinese search, partner filters, the phone menu and the keyboard."""

import pytest

from pages.content_loader import read_data as site_data
from partnerships.content_loader import read_data as cooperation_data
from strategy.content_loader import read_data as plan_data

from .conftest import new_page

PLAN = plan_data()
SITE = site_data()
COOPERATION = cooperation_data()


@pytest.mark.parametrize(("locale", "home"), [("zh-CN", "/zh-hans/"), ("en-US", "/en/")])
def test_root_lands_in_the_browser_language(browser, site, locale, home):
    page = new_page(browser, site, locale=locale)
    page.goto("/")
    assert page.url == site.url + home
    lang = "zh_hans" if home == "/zh-hans/" else "en"
    assert page.locator("h1").inner_text() == SITE["home"]["hero_heading"][lang]
    page.context.close()


def test_menu_to_the_plan_and_a_goal_then_switch_language(visitor, site):
    plan, goal = PLAN["plan"], PLAN["goals"][1]
    visitor.goto("/en/")
    visitor.locator("#site-nav").get_by_role("link", name=plan["menu_title"]["en"]).click()
    assert visitor.locator("h1").inner_text() == plan["title"]["en"]
    visitor.locator("#goals").get_by_role("link", name=goal["title"]["en"]).click()
    assert visitor.locator("h1").inner_text() == goal["title"]["en"]

    visitor.locator(".lang-switch").get_by_role("link", name="简体中文").click()
    expected = f"/zh-hans/{plan['slug']['zh_hans']}/{goal['slug']['zh_hans']}/"
    assert visitor.url == site.url + expected
    assert visitor.locator("h1").inner_text() == goal["title"]["zh_hans"]
    assert visitor.locator("html").get_attribute("lang") == "zh-hans"

    visitor.locator(".lang-switch").get_by_role("link", name="English").click()
    assert visitor.locator("h1").inner_text() == goal["title"]["en"]


def test_search_in_chinese_finds_the_cooperation_page(visitor):
    visitor.goto("/zh-hans/")
    visitor.locator("#header-search-q").fill("国际合作")
    visitor.locator("#header-search-q").press("Enter")
    visitor.wait_for_url("**/zh-hans/search/?q=*")
    titles = visitor.locator(".search-result__title a").all_inner_texts()
    assert COOPERATION["page"]["title"]["zh_hans"] in titles[:3]
    assert "国际合作" in visitor.locator(".search-result__snippet mark").all_inner_texts()
    # Exact title: a news item about the section names it too.
    visitor.locator(".search-result__title").get_by_role(
        "link", name=COOPERATION["page"]["title"]["zh_hans"], exact=True
    ).click()
    assert visitor.locator("h1").inner_text() == COOPERATION["page"]["title"]["zh_hans"]


@pytest.mark.parametrize("lang", ["en", "zh_hans"])
def test_partner_filters_work_without_javascript(browser, site, lang):
    page = new_page(browser, site, javascript=False)
    prefix = "/en/" if lang == "en" else "/zh-hans/"
    page.goto(f"{prefix}{COOPERATION['page']['slug'][lang]}/")
    enterprise = [p for p in COOPERATION["partners"] if p["kind"] == "enterprise"]
    hospitals = [p for p in COOPERATION["partners"] if p["kind"] == "hospital"]
    assert page.locator(".partner-card").count() == len(COOPERATION["partners"])

    page.locator(".partner-filters a[href*='kind=enterprise']").first.click()
    page.wait_for_url("**?kind=enterprise")
    names = page.locator(".partner-card__name").all_inner_texts()
    assert names == [p["name"][lang] for p in enterprise]
    current = page.locator(".partner-filters a[aria-current='true']").first.inner_text()
    assert current == next(
        s["heading"][lang] for s in COOPERATION["sections"] if s["kind"] == "enterprise"
    )

    page.locator(".partner-filters a[href*='kind=hospital']").first.click()
    page.wait_for_url("**?kind=hospital")
    names = page.locator(".partner-card__name").all_inner_texts()
    assert names == [p["name"][lang] for p in hospitals]
    # The seed tags no partner with an area (the source names the areas per group, in the
    # section introductions), so no area filter is offered: it would match nothing.
    assert page.locator("#filter-area").count() == 0
    page.context.close()


def test_phone_menu_opens_and_closes(browser, site):
    page = new_page(browser, site, width=375, height=812)
    page.goto("/en/")
    toggle = page.locator(".nav-toggle")
    menu_link = page.locator("#site-nav").get_by_role("link", name=PLAN["plan"]["menu_title"]["en"])
    assert toggle.is_visible()
    assert not menu_link.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu_link.is_visible()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu_link.is_visible()
    toggle.click()
    menu_link.click()
    assert page.locator("h1").inner_text() == PLAN["plan"]["title"]["en"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.context.close()


def test_keyboard_skip_link_and_visible_focus(visitor):
    visitor.goto("/zh-hans/")
    visitor.keyboard.press("Tab")
    skip = visitor.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    visitor.keyboard.press("Enter")
    assert visitor.evaluate("document.activeElement.id") == "main"
