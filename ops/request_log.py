"""Structured request logging: one JSON line per request on the ``tsinghua_med.requests``
logger (method, path, status, duration, language, request id), so log shippers can index
fields instead of parsing text. The request id comes from the proxy's ``X-Request-ID`` when
present (to follow one request across proxy and app) and is echoed in the response."""

import json
import logging
import re
import time
import uuid

logger = logging.getLogger("tsinghua_med.requests")
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def request_id_of(request):
    return request_id_from(request.META.get("HTTP_X_REQUEST_ID", ""))


def request_id_from(incoming):
    """The proxy's ``X-Request-ID`` value, or a new id."""
    # Only a well-formed id is trusted; anything else could forge or bloat log lines.
    return incoming if SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        request.request_id = request_id_of(request)
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        log_request(request, response, started)
        return response


def log_request(request, response, started, lang=None):
    """The request's log line (also written by layers that answer before this middleware
    runs, such as the page cache)."""
    if lang is None:
        lang = getattr(request, "LANGUAGE_CODE", "")
    log_line(request.request_id, request.method, request.path, response.status_code, started, lang)


def log_line(request_id, method, path, status, started, lang):
    level = logging.ERROR if status >= 500 else logging.INFO
    if not logger.isEnabledFor(level):
        return
    logger.log(
        level,
        "request",
        extra={
            "fields": {
                "request_id": request_id,
                "method": method,
                "path": path[:500],
                "status": status,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "lang": lang,
            }
        },
    )


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", …fields}`` on one line."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
