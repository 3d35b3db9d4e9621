"""Uncached rendering from memory (caching.memo, caching.routing, {% fragment %}): no SQL
and one cache round trip for a warm page, yet every change visible on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from caching import generations
from pages.content_loader import read_data
from pages.models import StandardPage
from partnerships.content_loader import read_data as cooperation_data
from partnerships.models import Partner
from strategy.content_loader import read_data as plan_data
from strategy.models import StrategicGoalPage
from tests.support.helpers import LANGS, PREFIX, soup, text_of

pytestmark = pytest.mark.django_db
SITE = read_data()
PLAN = plan_data()
COOPERATION = cooperation_data()


def urls(lang):
    plan = f"{PREFIX[lang]}{PLAN['plan']['slug'][lang]}/"
    cooperation = f"{PREFIX[lang]}{COOPERATION['page']['slug'][lang]}/"
    partner = Partner.objects.public().first()
    return [
        PREFIX[lang],
        f"{PREFIX[lang]}{SITE['about']['slug'][lang]}/",
        plan,
        f"{plan}{PLAN['goals'][0]['slug'][lang]}/",
        cooperation,
        f"{cooperation}partners/{partner.slug}/",
    ]


@pytest.fixture
def cache_round_trips(monkeypatch):
    """Reads of generations: through the cache, or kept by the worker (in production with
    Redis, those need no round trip at all)."""
    calls = []
    for name in ("read", "read_existing"):
        original = getattr(generations, name)

        def counted(scopes, *args, original=original, **kwargs):
            calls.append(tuple(scopes))
            return original(scopes, *args, **kwargs)

        monkeypatch.setattr(generations, name, counted)
    return calls


@pytest.mark.parametrize("lang", LANGS)
def test_a_warm_uncached_page_needs_no_sql_and_one_generation_read(client, lang, cache_round_trips):
    for url in urls(lang):
        first = client.get(url)
        assert first.status_code == 200, url
        cache_round_trips.clear()
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert again.content.count(b"<h1") == first.content.count(b"<h1")
        assert len(queries) == 0, (url, [q["sql"][:80] for q in queries])
        assert len(cache_round_trips) == 1, (url, cache_round_trips)


@pytest.mark.parametrize("lang", LANGS)
def test_an_unpublished_page_is_gone_on_the_next_request(client, lang):
    goal = StrategicGoalPage.objects.live().first()
    url = urls(lang)[3]
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    goal.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_slug_moves_the_route(client, lang):
    about = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    old = urls(lang)[1]
    client.get(old)
    about.slug_en = "about-us"
    about.slug_zh_hans = "guanyu-women"
    about.save_revision().publish()
    new = {"en": "/en/about-us/", "zh_hans": "/zh-hans/guanyu-women/"}[lang]
    assert client.get(new).status_code == 200
    assert client.get(old).status_code == 404


def test_a_draft_is_never_shown_to_visitors(client):
    goal = StrategicGoalPage.objects.live().first()
    url = urls("en")[3]
    client.get(url)
    goal.title_en = "A draft title"
    goal.save_revision()  # not published
    assert "A draft title" not in text_of(client.get(url))


def test_a_page_made_private_is_restricted_on_the_next_request(client):
    about = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    url = urls("en")[1]
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("lang", LANGS)
def test_a_goal_title_reaches_the_plan_and_its_siblings(client, lang):
    plan, first_goal = urls(lang)[2], urls(lang)[3]
    second_goal = f"{plan}{PLAN['goals'][1]['slug'][lang]}/"
    for url in (plan, first_goal, second_goal):
        client.get(url)
    goal = StrategicGoalPage.objects.live().first()
    goal.title_en = "Renamed goal"
    goal.title_zh_hans = "更名目标"
    goal.save_revision().publish()
    expected = {"en": "Renamed goal", "zh_hans": "更名目标"}[lang]
    assert expected in text_of(client.get(plan))
    assert expected in text_of(client.get(second_goal))


@pytest.mark.parametrize("lang", LANGS)
def test_partner_cards_follow_their_partner_without_the_page_cache(client, lang):
    url = urls(lang)[4]
    client.get(url)
    partner = Partner.objects.public().first()
    partner.name_en = "Renamed Partner"
    partner.name_zh_hans = "更名伙伴"
    partner.save_revision().publish()
    names = [n.get_text(strip=True) for n in soup(client.get(url)).select(".partner-card__name")]
    assert {"en": "Renamed Partner", "zh_hans": "更名伙伴"}[lang] in names


@pytest.mark.parametrize("lang", LANGS)
def test_a_preview_neither_reads_nor_leaves_remembered_values(client, admin_user, rf, lang):
    """A preview's request has the live page's address, but its page is a draft: what the
    draft's inlines show must reach neither the preview's memory nor the public page."""
    from strategy.models import StrategicPlanPage

    url = urls(lang)[2]
    live = StrategicPlanPage.objects.get()
    live_name = {"en": live.pillars.first().name_en, "zh_hans": live.pillars.first().name_zh_hans}
    assert live_name[lang] in text_of(client.get(url))  # the live pillars, remembered
    draft = StrategicPlanPage.objects.get()
    pillars = list(draft.pillars.all())  # as the edit form leaves them: in memory, unsaved
    pillars[0].name_en, pillars[0].name_zh_hans = "Draft pillar", "草稿支柱"
    draft.pillars = pillars
    request = rf.get(url)
    request.user = admin_user
    preview = draft.make_preview_request(request, draft.default_preview_mode)
    draft_name = {"en": "Draft pillar", "zh_hans": "草稿支柱"}[lang]
    assert draft_name in preview.render().content.decode()
    public = text_of(client.get(url))
    assert draft_name not in public and live_name[lang] in public
