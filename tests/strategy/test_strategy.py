"""The Strategic Plan on the site, in both languages, checked against the data file."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from pages.models import HomePage, StandardPage
from strategy.content_loader import PLAN_TEXT_FIELDS, read_data
from strategy.models import StrategicGoalPage, StrategicPlanPage
from tests.support.helpers import LANGS, PREFIX, folded, form_fields, soup, switcher_links, text_of

pytestmark = pytest.mark.django_db
PLAN = read_data()
LANG_CODE = {"en": "en", "zh_hans": "zh-hans"}


def plan_url(lang):
    return f"{PREFIX[lang]}{PLAN['plan']['slug'][lang]}/"


def goal_url(goal, lang):
    return f"{plan_url(lang)}{goal['slug'][lang]}/"


@pytest.mark.parametrize("lang", LANGS)
def test_plan_page_shows_every_section_of_the_plan(client, lang):
    response = client.get(plan_url(lang))
    assert response.status_code == 200
    text = text_of(response)
    plan = PLAN["plan"]
    for field in PLAN_TEXT_FIELDS:
        assert folded(plan[field][lang]) in text, field
    for commitment in plan["commitments"]:
        assert folded(commitment[lang]) in text
    for pillar in plan["pillars"]:
        for field in ("name", "subtitle", "description"):
            assert folded(pillar[field][lang]) in text
    for capability in plan["capabilities"]:
        assert folded(capability["title"][lang]) in text
        assert folded(capability["text"][lang]) in text
    for goal in PLAN["goals"]:
        assert folded(goal["title"][lang]) in text
        assert folded(goal["lead"][lang]) in text


@pytest.mark.parametrize("lang", LANGS)
def test_plan_page_structure_is_semantic(client, lang):
    html = soup(client.get(plan_url(lang)))
    assert len(html.find_all("h1")) == 1
    goal_links = [a["href"] for a in html.select("#goals ol a")]
    assert goal_links == [goal_url(goal, lang) for goal in PLAN["goals"]]
    quote = html.select_one("#future blockquote")
    assert folded(quote.get_text()) == folded(PLAN["plan"]["quote"][lang])
    assert (
        html.select_one("#future figcaption cite").get_text(strip=True)
        == (PLAN["plan"]["quote_attribution"][lang])
    )
    assert len(html.select("#approach .card")) == len(PLAN["plan"]["pillars"])
    assert len(html.select("#capabilities .card")) == len(PLAN["plan"]["capabilities"])
    # Heading levels never skip: h1, then h2 sections, then h3 items.
    levels = [int(h.name[1]) for h in html.select("main h1, main h2, main h3, main h4")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


@pytest.mark.parametrize("lang", LANGS)
def test_plan_links_to_the_about_page(client, lang):
    from pages.content_loader import read_data as site_data

    about = site_data()["about"]
    html = soup(client.get(plan_url(lang)))
    assert f"{PREFIX[lang]}{about['slug'][lang]}/" in [a["href"] for a in html.select("main a")]


@pytest.mark.parametrize("lang", LANGS)
def test_plan_is_reachable_from_the_home_page_menu(client, lang):
    html = soup(client.get(PREFIX[lang]))
    assert plan_url(lang) in [a["href"] for a in html.select("#site-nav a")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("index", range(6))
def test_goal_pages_render_priorities_and_neighbours(client, lang, index):
    goals = PLAN["goals"]
    goal = goals[index]
    response = client.get(goal_url(goal, lang))
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == goal["title"][lang]
    assert folded(html.select_one("p.lead").get_text()) == folded(goal["lead"][lang])
    items = [folded(li.get_text()) for li in html.select("ol.priority-list li")]
    assert items == [folded(p[lang]) for p in goal["priorities"]]
    # Numbered as the content numbers them: "Strategic goal 1", 战略目标一.
    eyebrow = html.select_one(".goal-page__eyebrow").get_text(strip=True)
    assert (
        eyebrow
        == {"en": f"Strategic goal {index + 1}", "zh_hans": f"战略目标{'一二三四五六'[index]}"}[
            lang
        ]
    )
    assert goal["search_description"][lang].startswith(eyebrow)

    prev_link = html.select_one('a[rel="prev"]')
    next_link = html.select_one('a[rel="next"]')
    if index == 0:
        assert prev_link is None
    else:
        assert prev_link["href"] == goal_url(goals[index - 1], lang)
    if index == len(goals) - 1:
        assert next_link is None
    else:
        assert next_link["href"] == goal_url(goals[index + 1], lang)
    for link in (prev_link, next_link):
        if link is not None:
            assert client.get(link["href"]).status_code == 200
    assert f"{plan_url(lang)}#goals" in [a["href"] for a in html.select("main a")]


def test_goal_switcher_keeps_the_goal(client):
    goal = PLAN["goals"][2]
    assert switcher_links(client.get(goal_url(goal, "en"))) == {
        "zh-hans": goal_url(goal, "zh_hans")
    }
    assert switcher_links(client.get(goal_url(goal, "zh_hans"))) == {"en": goal_url(goal, "en")}


def test_page_tree_rules():
    home = HomePage.objects.get()
    about = StandardPage.objects.first()
    plan = StrategicPlanPage.objects.get()
    assert StrategicPlanPage.can_create_at(home) is False  # max_count = 1, one exists
    assert StrategicPlanPage in home.specific_class.allowed_subpage_models()
    assert StrategicPlanPage not in StandardPage.allowed_subpage_models()
    assert StrategicGoalPage.can_create_at(plan)
    assert not StrategicGoalPage.can_create_at(home)
    assert not StrategicGoalPage.can_create_at(about)
    assert StrategicPlanPage.allowed_subpage_models() == [StrategicGoalPage]
    assert StrategicGoalPage.allowed_subpage_models() == []
    assert not StrategicPlanPage.can_create_at(Page.get_first_root_node())


def count_queries(client, url):
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_plan_items(plan):
    """One more commitment, pillar, capability and goal page than the seed content has."""
    from strategy.models import EnablingCapability, MissionCommitment, StrategicPillar

    MissionCommitment.objects.create(page=plan, text_en="Extra", text_zh_hans="额外")
    StrategicPillar.objects.create(page=plan, name_en="X", subtitle_en="X", description_en="X")
    EnablingCapability.objects.create(page=plan, title_en="X", text_en="X")
    goal = StrategicGoalPage(
        title_en="Extra goal", slug_en="extra-goal", slug_zh_hans="ewai", lead_en="X"
    )
    with translation.override("en"):
        plan.add_child(instance=goal)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_page_query_count_does_not_grow_with_items(client, lang):
    before = count_queries(client, plan_url(lang))
    add_plan_items(StrategicPlanPage.objects.get())
    assert count_queries(client, plan_url(lang)) == before
    # Site and routing (4), ancestors for the breadcrumbs (1), the About link (1), then one
    # query each for commitments, pillars, goals and capabilities: 10.
    assert before <= 11  # 10, + the page's image (issue 15; its renditions come from the cache)


@pytest.mark.parametrize("lang", LANGS)
def test_goal_page_query_count_is_bounded(client, lang):
    goal = PLAN["goals"][3]
    before = count_queries(client, goal_url(goal, lang))
    add_plan_items(StrategicPlanPage.objects.get())
    assert count_queries(client, goal_url(goal, lang)) == before
    # Site and routing (6 at this depth), ancestors (1), siblings (1), priorities (1): 9.
    assert before <= 11  # 10, + the page's image (issue 15; its renditions come from the cache)


def test_admin_edit_views_show_both_languages(admin_client):
    plan = StrategicPlanPage.objects.get()
    goal = StrategicGoalPage.objects.first()
    for page in (plan, goal):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="title_en"' in html and 'name="title_zh_hans"' in html
    html = admin_client.get(f"/admin/pages/{plan.pk}/edit/").content.decode()
    assert 'name="pillars-0-name_zh_hans"' in html
    assert 'name="vision_statement_zh_hans"' in html
    html = admin_client.get(f"/admin/pages/{goal.pk}/edit/").content.decode()
    assert 'name="priorities-0-text_zh_hans"' in html


def test_translator_edits_a_pillar_in_chinese_through_the_admin(admin_client, client):
    plan = StrategicPlanPage.objects.get()
    edit_url = f"/admin/pages/{plan.pk}/edit/"
    data = form_fields(admin_client.get(edit_url))
    new_text = "创新驱动：这是通过管理后台修改的中文说明。"
    data["pillars-0-description_zh_hans"] = new_text
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    assert new_text in text_of(client.get(plan_url("zh_hans")))
    en_text = text_of(client.get(plan_url("en")))
    assert new_text not in en_text
    assert folded(PLAN["plan"]["pillars"][0]["description"]["en"]) in en_text
