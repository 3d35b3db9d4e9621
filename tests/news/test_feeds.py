"""The Atom feed (per language) parses with feedparser; the iCalendar files parse with
icalendar."""

import feedparser
import icalendar
import pytest
from django.utils import translation

from news.models import NewsPage
from tests.support.helpers import LANGS

from .conftest import DATA, EVENTS_INDEX, NEWS_INDEX

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed_parses_in_each_language(client, lang):
    response = client.get(NEWS_INDEX[lang] + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.language == {"en": "en", "zh_hans": "zh-hans"}[lang]
    assert feed.feed.title == DATA["news_index"]["title"][lang]
    assert feed.feed.link == f"http://testserver{NEWS_INDEX[lang]}"
    entries = {entry.title: entry for entry in feed.entries}
    for item in DATA["news"]:
        entry = entries[item["title"][lang]]
        assert entry.link == f"http://testserver{NEWS_INDEX[lang]}{item['slug'][lang]}/"
        assert entry.summary == item["summary"][lang]
        assert entry.published.startswith("2026-11-25")
        assert client.get(entry.link).status_code == 200


def test_feed_has_no_unpublished_items(client):
    item = NewsPage.objects.first()
    item.unpublish()
    feed = feedparser.parse(client.get(NEWS_INDEX["en"] + "feed/").content)
    assert item.title not in [entry.title for entry in feed.entries]


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_empty_events_calendar_is_valid(client):
    calendar = parse_calendar(client.get(EVENTS_INDEX["en"] + "ical/"))
    assert str(calendar["version"]) == "2.0"
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize("lang", LANGS)
def test_events_calendar_lists_every_event(client, events, lang):
    calendar = parse_calendar(client.get(EVENTS_INDEX[lang] + "ical/"))
    vevents = calendar.walk("VEVENT")
    summaries = [str(event["summary"]) for event in vevents]
    expected = ["Test workshop", "测试研讨会" if lang == "zh_hans" else "Test symposium"]
    assert summaries[:2] == expected
    assert len({str(event["uid"]) for event in vevents}) == 3


def test_event_calendar_file(client, events):
    event = events["upcoming"]
    with translation.override("zh-hans"):
        url = event.get_url()
    calendar = parse_calendar(client.get(url + "ical/"))
    (vevent,) = calendar.walk("VEVENT")
    start = vevent.decoded("dtstart")
    assert start == event.start.replace(microsecond=0)
    assert start.utcoffset().total_seconds() == 0  # UTC
    assert vevent.decoded("dtend") == event.end.replace(microsecond=0)
    assert str(vevent["summary"]) == "测试研讨会"
    assert str(vevent["location"]) == "Test hall"
    assert str(vevent["url"]) == f"http://testserver{url}"
