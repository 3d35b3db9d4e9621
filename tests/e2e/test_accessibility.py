"""axe-core scans of every public page type, both languages: 0 WCAG 2.2 A/AA violations
(colour contrast included)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from news.content_loader import read_data as news_data
from pages.content_loader import read_data as site_data
from partnerships.content_loader import read_data as cooperation_data
from strategy.content_loader import read_data as plan_data

from .conftest import new_page

PLAN, SITE, COOPERATION, NEWS = plan_data(), site_data(), cooperation_data(), news_data()
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PREFIX = {"en": "/en/", "zh_hans": "/zh-hans/"}


def page_paths(lang):
    plan = f"{PREFIX[lang]}{PLAN['plan']['slug'][lang]}/"
    cooperation = f"{PREFIX[lang]}{COOPERATION['page']['slug'][lang]}/"
    news = f"{PREFIX[lang]}{NEWS['news_index']['slug'][lang]}/"
    return {
        "home": PREFIX[lang],
        "standard page": f"{PREFIX[lang]}{SITE['about']['slug'][lang]}/",
        "strategic plan": plan,
        "goal": f"{plan}{PLAN['goals'][0]['slug'][lang]}/",
        "cooperation": cooperation,
        "cooperation, filtered": f"{cooperation}?kind=enterprise",
        "partner": f"{cooperation}partners/{COOPERATION['partners'][0]['slug']}/",
        "news index": f"{news}",
        "news index, filtered": f"{news}?category=strategy",
        "news item": f"{news}{NEWS['news'][0]['slug'][lang]}/",
        "events index (empty)": f"{PREFIX[lang]}{NEWS['events_index']['slug'][lang]}/",
        "past events (empty)": f"{PREFIX[lang]}{NEWS['events_index']['slug'][lang]}/?show=past",
        "search results": f"{PREFIX[lang]}search/?q=" + ("health" if lang == "en" else "健康"),
        "search, no results": f"{PREFIX[lang]}search/?q=zzzqqq",
        "not found": f"{PREFIX[lang]}no-such-page/",
    }


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("lang", ["en", "zh_hans"])
def test_no_wcag_violations(browser, site, axe, lang, width):
    page = new_page(browser, site, width=width)
    reports = {}
    for name, path in page_paths(lang).items():
        page.goto(path)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        if results.violations_count:
            reports[f"{name} ({path})"] = results.generate_report()
    page.context.close()
    assert not reports, "\n\n".join(f"{name}:\n{report}" for name, report in reports.items())
