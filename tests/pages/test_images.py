"""Images on pages: responsive AVIF/WebP/JPEG renditions with sizes set, made once."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image, Rendition

from strategy.content_loader import read_data
from strategy.models import StrategicGoalPage
from tests.support.helpers import LANGS, PREFIX, soup

pytestmark = pytest.mark.django_db
PLAN = read_data()


@pytest.fixture
def goal_with_image(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (102, 8, 116)).save(buffer, "PNG")
    image = Image.objects.create(
        title="Campus", file=ImageFile(buffer, name="campus.png"), width=1600, height=900
    )
    goal = StrategicGoalPage.objects.get(slug_en=PLAN["goals"][0]["slug"]["en"])
    goal.image = image
    goal.save_revision().publish()
    return goal


def goal_url(lang):
    goal = PLAN["goals"][0]
    return f"{PREFIX[lang]}{PLAN['plan']['slug'][lang]}/{goal['slug'][lang]}/"


@pytest.mark.parametrize("lang", LANGS)
def test_goal_image_is_a_responsive_picture(client, goal_with_image, lang):
    html = soup(client.get(goal_url(lang)))
    picture = html.select_one("figure picture")
    types = [source["type"] for source in picture.select("source")]
    assert types == ["image/avif", "image/webp"]
    for source in picture.select("source"):
        assert {entry.split()[-1] for entry in source["srcset"].split(",")} == {
            "480w",
            "800w",
            "1200w",
        }
    img = picture.select_one("img")
    # Intrinsic size on the <img>: the browser reserves the space, so nothing shifts.
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert int(img["width"]) * 900 == int(img["height"]) * 1600


def test_renditions_are_made_once(client, goal_with_image):
    client.get(goal_url("en"))
    made = Rendition.objects.filter(image=goal_with_image.image).count()
    assert made == 10  # three widths in three formats, and the share image (og:image)
    client.get(goal_url("zh_hans"))
    client.get(goal_url("en"))
    assert Rendition.objects.filter(image=goal_with_image.image).count() == made
