"""Read API: pages (with the strategic plan and goal fields) and partners, both languages,
public content only, throttled."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from tests.support.helpers import folded, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # the throttle counts requests in the cache
    yield
    cache.clear()


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


@pytest.mark.parametrize(
    ("url", "params", "title"),
    [
        ("/api/v2/pages/", {}, "About Tsinghua Medicine"),
        ("/api/v2/pages/", {"lang": "zh-hans"}, "关于清华医学"),
        ("/zh-hans/api/v2/pages/", {}, "关于清华医学"),
        ("/en/api/v2/pages/", {}, "About Tsinghua Medicine"),
    ],
)
def test_language_by_parameter_or_prefix(client, url, params, title):
    titles = [item["title"] for item in get(client, url, **params)["items"]]
    assert title in titles


def test_unknown_language_is_a_400(client):
    assert client.get("/api/v2/pages/", {"lang": "fr"}).status_code == 400


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_goal_pages_return_what_the_pages_show(client, lang):
    data = get(
        client,
        "/api/v2/pages/",
        type="strategy.StrategicGoalPage",
        fields="lead,priorities",
        lang=lang,
    )
    assert data["meta"]["total_count"] == 6
    for item in data["items"]:
        html_path = urlsplit(item["meta"]["html_url"]).path
        assert html_path.startswith(f"/{lang}/")
        page_text = text_of(client.get(html_path))
        assert folded(item["title"]) in page_text
        assert folded(item["lead"]) in page_text
        assert item["priorities"]
        for priority in item["priorities"]:
            assert folded(priority["text"]) in page_text


def test_strategic_plan_fields(client):
    plan = Page.objects.get(slug_en="strategic-plan")
    data = get(client, f"/api/v2/pages/{plan.pk}/", lang="zh-hans")
    page_text = text_of(client.get("/zh-hans/zhanlue-guihua/"))
    for field in ("vision_headline", "vision_statement", "mission_lead", "closing_text"):
        assert data[field] and folded(data[field]) in page_text
    assert len(data["pillars"]) == 4
    assert all(folded(p["name"]) in page_text for p in data["pillars"])
    assert data["capabilities"] and data["commitments"]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_partners(client, lang):
    data = get(client, "/api/v2/partners/", lang=lang, fields="*", limit=20)
    assert data["meta"]["total_count"] == 25
    jhu = next(p for p in data["items"] if p["slug"] == "johns-hopkins-university")
    expected = {"en": "Johns Hopkins University", "zh-hans": "约翰斯·霍普金斯大学"}[lang]
    assert jhu["name"] == expected and jhu["country"] == "US"
    items = (
        data["items"] + get(client, "/api/v2/partners/", lang=lang, fields="*", offset=20)["items"]
    )
    cornell = next(p for p in items if p["slug"] == "cornell-university-school-of-medicine")
    assert (
        cornell["short_name"]
        == {"en": "Weill Cornell Medicine", "zh-hans": "威尔康奈尔医学院"}[lang]
    )
    idg = next(p for p in items if p["slug"] == "idg")
    assert idg["country"] == "" and idg["name"] == "IDG"  # a blank country is "", never a 500
    with translation.override(lang):
        page = client.get(
            "/en/cooperation/partners/johns-hopkins-university/"
            if lang == "en"
            else "/zh-hans/hezuo-yu-zhuanhua/partners/johns-hopkins-university/"
        )
    assert folded(jhu["description"]) in text_of(page)
    kinds = {p["kind"] for p in get(client, "/api/v2/partners/", kind="enterprise")["items"]}
    assert kinds == {"enterprise"}
    assert client.get("/api/v2/partners/", {"kind": "x"}).status_code == 400


def test_only_public_content(client):
    from partnerships.models import Partner

    about = Page.objects.get(slug_en="about")
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    goal = Page.objects.get(slug_en="building-academic-excellence")
    goal.unpublish()
    # A draft change is not published content.
    plan = Page.objects.get(slug_en="strategic-plan").specific
    plan.title_en = "DRAFT TITLE"
    plan.save_revision()
    hidden = Partner.objects.get(slug="johns-hopkins-university")
    hidden.visible = False
    hidden.save()

    titles = [i["title"] for i in get(client, "/api/v2/pages/", limit=20)["items"]]
    assert "About Tsinghua Medicine" not in titles
    assert "Building Academic Excellence" not in titles
    assert "DRAFT TITLE" not in titles and "Tsinghua Medicine Strategic Plan" in titles
    for pk in (about.pk, goal.pk):
        assert client.get(f"/api/v2/pages/{pk}/", follow=True).status_code == 404
    slugs = [p["slug"] for p in get(client, "/api/v2/partners/", limit=20)["items"]]
    assert "johns-hopkins-university" not in slugs
    assert client.get(f"/api/v2/partners/{hidden.pk}/", follow=True).status_code == 404


def test_read_only(client):
    assert client.post("/api/v2/pages/", {}).status_code == 405
    assert client.delete("/api/v2/pages/3/").status_code == 405


def test_throttled(client, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    codes = [client.get("/api/v2/pages/").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_limit_is_capped(client):
    response = client.get("/api/v2/pages/", {"limit": 10_000})
    assert response.status_code == 400
