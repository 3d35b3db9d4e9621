"""Error views that keep working while the database is down.

``handler500`` runs inside Django's exception handler, so ``sys.exc_info()`` still holds the
error: a lost database connection becomes a bilingual 503 "back soon" page with
``Retry-After`` (the proxy, the CDN and crawlers then retry instead of caching an error),
anything else the ordinary 500 page. Neither template touches the database; the connection
recovers by itself on a later request (``conn_health_checks``)."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_response():
    body = loader.get_template("503.html").render()
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return database_unavailable_response()
    return HttpResponseServerError(loader.get_template("500.html").render())
