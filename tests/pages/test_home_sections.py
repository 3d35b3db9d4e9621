"""The home page's sections (StreamField): render in both languages from the seed, with
images as <picture>, in a bounded number of queries; old hero fields still work; image
alt text is required."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.blocks import StructBlockValidationError
from wagtail.images.models import Image

from pages import artwork
from pages.content_loader import read_data
from pages.home_blocks import HeroBlock
from pages.models import HomePage, StandardPage
from tests.news.conftest import add_event, add_news
from tests.support.helpers import LANGS, PREFIX, soup, text_of

pytestmark = pytest.mark.django_db
SITE = read_data()["home_sections"]


@pytest.mark.parametrize("lang", LANGS)
def test_home_sections_render(client, lang):
    response = client.get(PREFIX[lang])
    assert response.status_code == 200
    html = soup(response)
    assert html.select_one("h1").get_text(strip=True) == SITE["hero"]["heading"][lang]
    img = html.select_one(".home-hero picture img")
    assert (
        img["alt"]
        == {
            "en": "Abstract pattern of overlapping circles in shades of purple",
            "zh_hans": "由深浅不一的紫色圆形交叠而成的抽象图案",
        }[lang]
    )
    assert int(img["width"]) and int(img["height"])
    types = [s["type"] for s in html.select(".home-hero picture source")]
    assert types == ["image/avif", "image/webp"]
    figures = [dd.get_text() for dd in html.select(".key-figures__figure")]
    assert figures == ["5", "4", "6", "4"]
    assert len(html.select(".home-goals__item")) == 6
    assert len(html.select(".home-news .item-card")) == 2
    events_empty = {"en": "No upcoming events.", "zh_hans": "暂无近期活动。"}[lang]
    assert events_empty in html.select_one(".home-events").get_text()
    routes = [
        a.select_one(".audience-route__audience").get_text()
        for a in html.select(".audience-route__link")
    ]
    assert routes == [r["audience"][lang] for r in SITE["audience_routes"]["routes"]]
    for link in html.select(".audience-route__link, .home-goals__item a, .home-section__more a"):
        assert client.get(link["href"]).status_code == 200, link["href"]
    assert len(html.select(".home-partners__item")) == SITE["partners"]["count"]
    headings = [h.get_text() for h in html.select(".home-section__title")]
    assert SITE["sections"][1]["heading"][lang] in headings


@pytest.mark.parametrize("lang", LANGS)
def test_home_query_count_is_bounded(client, lang):
    client.get(PREFIX[lang])  # renditions made once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PREFIX[lang]).status_code == 200
    # 13 measured: site, home page, the images of the hero and of the share card, the pages
    # the hero / key figures / audience routes link to (one query per block type), then
    # one query per content section (news, events, goals, partners + the cooperation page).
    # "All …" links are cached per site generation; renditions come from their cache.
    assert len(queries) <= 14, "\n".join(q["sql"][:150] for q in queries.captured_queries)


def test_home_query_count_does_not_grow_with_items(client):
    # MEDIA_ROOT as in the session: the seeded artwork files live there.

    def count():
        client.get("/en/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/")
        return len(queries)

    before = count()
    image = Image.objects.create(
        title="Extra",
        file=ImageFile(io.BytesIO(artwork.draw(2)), name="extra.png"),
        width=1600,
        height=900,
    )
    for number in range(4):
        add_news(f"Extra item {number}", datetime.date(2026, 1, number + 1))
        add_event(
            f"Extra event {number}",
            timezone.now() + datetime.timedelta(days=number + 1),
            image=image,
        )
    assert count() == before


def test_empty_body_falls_back_to_hero_fields_and_cards(client):
    home = HomePage.objects.get()
    home.body_en = []
    home.save_revision().publish()
    response = client.get("/en/")
    html = soup(response)
    assert html.select_one(".hero h1").get_text() == home.hero_heading_en
    assert len(html.select(".featured .card")) == 3
    assert html.select_one(".hero picture img")["alt"] == home.image_alt_en
    # The Chinese body is still there.
    assert soup(client.get("/zh-hans/")).select_one(".home-hero") is not None


def test_page_image_requires_alt_text():
    about = StandardPage.objects.get(slug_en="about")
    assert about.image is not None
    about.image_alt_en = ""
    with pytest.raises(ValidationError) as error:
        about.full_clean()
    assert "image_alt_en" in error.value.message_dict
    about.image = None
    about.full_clean()


def test_hero_block_requires_alt_with_an_image():
    about = StandardPage.objects.get(slug_en="about")
    block = HeroBlock()
    value = block.to_python({"heading": "H", "image": about.image_id, "image_alt": ""})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "image_alt" in str(error.value.block_errors)


@pytest.mark.parametrize("lang", LANGS)
def test_about_and_plan_show_their_artwork(client, lang):
    about = {
        "en": "/en/about/",
        "zh_hans": "/zh-hans/" + read_data()["about"]["slug"]["zh_hans"] + "/",
    }[lang]
    img = soup(client.get(about)).select_one("figure picture img")
    assert img["alt"] and int(img["width"]) * 9 == int(img["height"]) * 16
    assert text_of(client.get(about))
