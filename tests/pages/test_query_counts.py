"""Queries per response for the kinds of page the site serves, page cache off (test settings):
the first view after a cache clear ("cold": navigation, settings and renditions looked up)
and the next one ("warm"). Bounds are the measured counts on PostgreSQL plus a little
headroom; a new query per item or per language shows up here."""

import io
import json

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images.models import Image

from pages.models import StandardPage

pytestmark = pytest.mark.django_db

# (cold, warm) upper bounds: measured on PostgreSQL (English pages) + 2:
# images 31/1, partner 31/0, 404 11/4, sitemap 15/0, API 7/6, empty description 27/1.
# Cold: the frame reads the site settings with their brand images, and the routing and
# page data are remembered per generation (caching.memo); warm pages need (almost) no SQL.
BOUNDS = {
    "standard page with images": (33, 3),
    "partner page": (33, 2),
    "404": (13, 6),
    "sitemap": (17, 2),
    "API listing": (9, 8),
    "empty search description": (29, 3),
}
MEASURED = {}


def queries(client, url, status=200):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == status, url
    return len(captured)


def cold_and_warm(client, url, status=200):
    cache.clear()
    return queries(client, url, status), queries(client, url, status)


@pytest.fixture
def page_with_images():
    images = []
    for n, colour in enumerate(((102, 8, 116), (20, 90, 160), (200, 120, 0))):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 800), colour).save(buffer, "PNG")
        images.append(
            Image.objects.create(
                title=f"Picture {n}",
                file=ImageFile(buffer, name=f"picture-{n}.png"),
                width=1200,
                height=800,
            )
        )
    page = StandardPage.objects.get(slug_en="about")
    blocks = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": f"Picture {n}", "decorative": False},
                "caption": f"Caption {n}",
            },
        }
        for n, image in enumerate(images)
    ]
    page.body_en = json.dumps(blocks)
    page.body_zh_hans = json.dumps(blocks)
    page.save_revision().publish()
    return page


def check(name, counts):
    MEASURED[name] = counts
    cold, warm = counts
    max_cold, max_warm = BOUNDS[name]
    assert cold <= max_cold and warm <= max_warm, f"{name}: {counts} > {BOUNDS[name]}"


@pytest.mark.parametrize("prefix", ["/en/about/", "/zh-hans/guanyu/"])
def test_standard_page_with_images(client, page_with_images, prefix):
    html = client.get(prefix).content.decode()
    assert html.count("<img") >= 3 and "Caption 2" in html
    check("standard page with images", cold_and_warm(client, prefix))


def test_partner_page(client):
    for url in (
        "/en/cooperation/partners/johns-hopkins-university/",
        "/zh-hans/hezuo-yu-zhuanhua/partners/johns-hopkins-university/",
    ):
        check("partner page", cold_and_warm(client, url))


def test_404(client):
    for url in ("/en/no-such-page/", "/zh-hans/no/such/page/"):
        check("404", cold_and_warm(client, url, status=404))


def test_sitemap(client):
    check("sitemap", cold_and_warm(client, "/sitemap.xml"))


def test_api_listing(client):
    for url in ("/api/v2/pages/?limit=20", "/zh-hans/api/v2/partners/?limit=20&fields=*"):
        check("API listing", cold_and_warm(client, url))


def test_page_with_an_empty_search_description(client):
    page = StandardPage.objects.get(slug_en="about")
    page.search_description_en = ""
    page.search_description_zh_hans = ""
    page.save_revision().publish()
    response = client.get("/en/about/")
    description = response.content.decode().split('name="description" content="')[1]
    assert description.split('"')[0].strip()  # derived from the text
    check("empty search description", cold_and_warm(client, "/en/about/"))
