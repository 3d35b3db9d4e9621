"""News and events fixtures: the seeded news items, plus events and extra items the
tests add (the seed ships no events)."""

import datetime
import io

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image

from news.content_loader import read_data
from news.models import Category, EventIndexPage, EventPage, NewsIndexPage, NewsPage

DATA = read_data()
NEWS_INDEX = {"en": "/en/news/", "zh_hans": "/zh-hans/xinwen/"}
EVENTS_INDEX = {"en": "/en/events/", "zh_hans": "/zh-hans/huodong/"}


def news_item_url(lang, number=0):
    item = DATA["news"][number]
    return f"{NEWS_INDEX[lang]}{item['slug'][lang]}/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def image(media):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (102, 8, 116)).save(buffer, "PNG")
    return Image.objects.create(
        title="Lecture hall", file=ImageFile(buffer, name="hall.png"), width=1600, height=900
    )


def add_event(title, start, *, zh=None, end=None, location="", categories=(), image=None):
    index = EventIndexPage.objects.get()
    event = EventPage(
        title_en=title,
        title_zh_hans=zh or "",
        slug_en=title.lower().replace(" ", "-"),
        summary_en=f"About {title}.",
        summary_zh_hans=f"关于{zh}。" if zh else "",
        start=start,
        end=end,
        location_en=location,
        image=image,
        image_alt_en="A lecture hall" if image else "",
        image_alt_zh_hans="报告厅" if image else "",
    )
    index.add_child(instance=event)
    event.categories.set(categories)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


@pytest.fixture
def events(image):
    now = timezone.now()
    strategy = Category.objects.get(slug="strategy")
    return {
        "upcoming": add_event(
            "Test symposium",
            now + datetime.timedelta(days=30),
            zh="测试研讨会",
            end=now + datetime.timedelta(days=30, hours=3),
            location="Test hall",
            categories=[strategy],
            image=image,
        ),
        "later": add_event("Test lecture", now + datetime.timedelta(days=60), zh="测试讲座"),
        "past": add_event(
            "Test workshop", now - datetime.timedelta(days=400), categories=[strategy]
        ),
    }


def add_news(title, date, categories=()):
    index = NewsIndexPage.objects.get()
    item = NewsPage(
        title_en=title,
        slug_en=title.lower().replace(" ", "-"),
        summary_en=f"About {title}.",
        date=date,
    )
    index.add_child(instance=item)
    item.categories.set(categories)
    item.save_revision().publish()
    return item
