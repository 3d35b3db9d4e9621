"""``/healthz`` for load balancers and uptime checks (GET, or HEAD for checkers that read only
the status): the app answers, the database answers, the cache answers. Names and
"ok"/"error" only: no versions, hosts or exception text.

The database is required (503 without it: take this instance out of rotation); the cache is
not (the site serves from the database when Redis is down), so a cache failure reports
"degraded" with 200."""

import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not healthy", never a 500 here
        return False


def cache_ok():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
        return ok
    except Exception:  # noqa: BLE001 - same: report, do not raise
        return False


@never_cache
@require_safe
def healthz(request):
    started = time.monotonic()
    checks = {"database": database_ok(), "cache": cache_ok()}
    if not checks["database"]:
        status, code = "error", 503
    elif not checks["cache"]:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse(
        {
            "status": status,
            "checks": {name: "ok" if ok else "error" for name, ok in checks.items()},
            "duration_ms": round((time.monotonic() - started) * 1000, 1),
        },
        status=code,
    )
