"""The frame in a real browser: a one-row phone header, the menu drawer with and without
JavaScript, partner filters collapsed on phones and open on wide screens, no synthetic
italics in Chinese, and the strategic plan printed on A4 without the site's chrome."""

import re
import shutil
import subprocess

import pytest

from partnerships.content_loader import read_data as cooperation_data
from strategy.content_loader import read_data as plan_data

from .conftest import new_page

PLAN, COOPERATION = plan_data(), cooperation_data()
PREFIX = {"en": "/en/", "zh_hans": "/zh-hans/"}
LANGS = ["en", "zh_hans"]
A4_POINTS = (595, 842)


def paths(lang):
    plan = f"{PREFIX[lang]}{PLAN['plan']['slug'][lang]}/"
    cooperation = f"{PREFIX[lang]}{COOPERATION['page']['slug'][lang]}/"
    return [
        PREFIX[lang],
        plan,
        f"{plan}{PLAN['goals'][0]['slug'][lang]}/",
        cooperation,
        f"{PREFIX[lang]}search/?q=health",
        f"{PREFIX[lang]}no-such-page/",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_phone_header_is_one_compact_row(browser, site, lang):
    page = new_page(browser, site, width=390, height=844)
    for path in paths(lang):
        page.goto(path)
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 120, (path, header)
        # Logo, search, language and menu share one row.
        tops = {
            name: page.locator(selector).first.bounding_box()["y"]
            for name, selector in {
                "logo": ".brand img",
                "search": ".search-link",
                "language": ".lang-switch a",
                "menu": ".nav-toggle",
            }.items()
        }
        assert max(tops.values()) - min(tops.values()) < 30, (path, tops)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_menu_drawer_opens_without_javascript(browser, site, lang):
    page = new_page(browser, site, width=390, height=844, javascript=False)
    page.goto(PREFIX[lang])
    plan_link = page.locator("#site-nav").get_by_role("link", name=PLAN["plan"]["menu_title"][lang])
    assert not plan_link.is_visible()
    page.locator("a.nav-toggle").click()
    assert plan_link.is_visible()
    # The drawer lies over the page: the header keeps its height.
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    page.locator(".site-nav__close").click()
    assert not plan_link.is_visible()
    plan_link_count = page.locator("#site-nav a").count()
    assert plan_link_count >= 4
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_partner_filters_collapse_on_phones_and_open_on_wide_screens(browser, site, lang):
    path = f"{PREFIX[lang]}{COOPERATION['page']['slug'][lang]}/"
    for javascript in (True, False):
        phone = new_page(browser, site, width=390, height=844, javascript=javascript)
        phone.goto(path)
        chip = phone.locator(".partner-filters a[href*='kind=enterprise']").first
        summary = phone.locator(".partner-filters__summary")
        assert summary.is_visible()
        assert not chip.is_visible()
        summary.click()
        assert chip.is_visible()
        phone.context.close()

        wide = new_page(browser, site, width=1366, height=900, javascript=javascript)
        wide.goto(path)
        assert wide.locator(".partner-filters a[href*='kind=enterprise']").first.is_visible()
        assert not wide.locator(".partner-filters__summary").is_visible()
        wide.context.close()


def test_filtered_phone_summary_names_the_filter_and_switch_keeps_it(browser, site):
    page = new_page(browser, site, width=390, height=844)
    page.goto(f"/en/{COOPERATION['page']['slug']['en']}/?kind=enterprise")
    heading = next(s["heading"]["en"] for s in COOPERATION["sections"] if s["kind"] == "enterprise")
    assert heading in page.locator(".partner-filters__summary").inner_text()
    page.locator(".lang-switch a").click()
    assert page.url.endswith(f"/zh-hans/{COOPERATION['page']['slug']['zh_hans']}/?kind=enterprise")
    zh = next(s["heading"]["zh_hans"] for s in COOPERATION["sections"] if s["kind"] == "enterprise")
    assert zh in page.locator(".partner-filters__summary").inner_text()
    page.context.close()


ITALIC_IN_CHINESE = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.closest('[lang]').getAttribute('lang').startsWith('zh'))
  .filter(el => getComputedStyle(el).fontStyle === 'italic')
  .map(el => el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 30))"""


def test_no_synthetic_italics_in_chinese(browser, site):
    page = new_page(browser, site, width=1366)
    for path in paths("zh_hans"):
        page.goto(path)
        assert page.evaluate(ITALIC_IN_CHINESE) == [], path
    # The plan's closing quote: upright in Chinese, still italic in English.
    page.goto(paths("zh_hans")[1])
    assert page.locator(".quote blockquote").evaluate("e => getComputedStyle(e).fontStyle") == (
        "normal"
    )
    page.goto(paths("en")[1])
    assert page.locator(".quote blockquote").evaluate("e => getComputedStyle(e).fontStyle") == (
        "italic"
    )
    page.context.close()


def test_chinese_gets_full_width_quotes_and_a_taller_line(browser, site):
    page = new_page(browser, site, width=1366)
    page.goto(PREFIX["zh_hans"])
    quotes = page.evaluate(
        "() => { const q = document.createElement('q'); document.querySelector('main').append(q);"
        " return getComputedStyle(q).quotes; }"
    )
    assert "“" in quotes and "”" in quotes
    zh = page.evaluate("() => parseFloat(getComputedStyle(document.body).lineHeight)")
    page.goto(PREFIX["en"])
    en = page.evaluate("() => parseFloat(getComputedStyle(document.body).lineHeight)")
    assert zh > en
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_plan_prints_on_a4_without_the_site_chrome(browser, site, lang, tmp_path):
    page = new_page(browser, site, width=1366)
    page.goto(paths(lang)[1])
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".breadcrumbs", ".toc", ".lang-switch"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == (
            "none"
        ), selector
    # Goals are linked with their full address on paper.
    urls = page.locator(".goal-list__url").all_inner_texts()
    assert len(urls) == len(PLAN["goals"]) and all(u.startswith("http") for u in urls)
    pdf = tmp_path / f"plan-{lang}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=False)
    page.context.close()
    data = pdf.read_bytes()
    boxes = {
        tuple(round(float(v)) for v in box.split()[2:])
        for box in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", data)
        for box in [box.decode()]
    }
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert boxes == {A4_POINTS}, boxes
    assert 2 <= pages <= 12, pages
    if shutil.which("pdftoppm"):
        subprocess.run(  # noqa: S603 - a local tool on our own file
            ["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True
        )
        assert len(list(tmp_path.glob("page*.png"))) == pages
