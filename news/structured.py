"""JSON-LD nodes for news items (NewsArticle) and events (Event); pages.seo adds them."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import get_language

from pages.images import rendition_url

SHARE_RENDITION = "fill-1200x630|format-jpeg"  # the same crop as og:image


def image_url(page, request):
    if not page.image_id or page.image is None:
        return None
    url = rendition_url(page.image, SHARE_RENDITION)
    return request.build_absolute_uri(url) if url else None


def _organization(request):
    return {"@id": request.build_absolute_uri("/#organization")}


def node(page, request):
    url = request.build_absolute_uri(page.get_url(request=request))
    data = {
        "@id": f"{url}#item",
        "url": url,
        "inLanguage": get_language(),
        "description": page.summary or None,
        "image": image_url(page, request),
    }
    if hasattr(page, "date"):
        published = timezone.make_aware(datetime.combine(page.date, time(0, 0)))
        data.update(
            {
                "@type": "NewsArticle",
                "headline": page.title[:110],
                "datePublished": published.isoformat(),
                "dateModified": (page.last_published_at or published).isoformat(),
                "mainEntityOfPage": url,
                "author": _organization(request),
                "publisher": _organization(request),
            }
        )
    else:
        data.update(
            {
                "@type": "Event",
                "name": page.title,
                "startDate": timezone.localtime(page.start).isoformat(),
                "endDate": timezone.localtime(page.end).isoformat() if page.end else None,
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "organizer": _organization(request),
            }
        )
        if page.location:
            data["location"] = {"@type": "Place", "name": page.location}
    return {key: value for key, value in data.items() if value}
