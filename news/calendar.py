"""iCalendar (RFC 5545) files: one per event, and one for the events listing."""

from datetime import UTC

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from icalendar import Calendar, Event

CALENDAR_LIMIT = 500


def _utc(value):
    return value.astimezone(UTC)


def build(title, request, events):
    calendar = Calendar()
    calendar.add("prodid", "-//Tsinghua Medicine//News and events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    host = request.get_host().split(":")[0]
    for page in events:
        event = Event()
        event.add("uid", f"event-{page.pk}@{host}")
        event.add("dtstamp", _utc(page.last_published_at or timezone.now()))
        event.add("dtstart", _utc(page.start))
        if page.end:
            event.add("dtend", _utc(page.end))
        event.add("summary", page.title)
        if page.summary:
            event.add("description", page.summary)
        if page.location:
            event.add("location", page.location)
        event.add("url", request.build_absolute_uri(page.get_url(request=request)))
        language = get_language()
        event["summary"].params["language"] = language
        calendar.add_component(event)
    return calendar


def calendar_response(page, request, events):
    events = list(events[:CALENDAR_LIMIT]) if hasattr(events, "query") else list(events)
    calendar = build(page.title, request, events)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'inline; filename="{getattr(page, "slug_en", "") or "events"}.ics"'
    )
    return response
