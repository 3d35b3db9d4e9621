"""Read replica for anonymous page views (on only when ``DATABASE_REPLICA_URL`` is set).

Replication lags a little, so only requests that cannot have just written anything read
from the replica: GET/HEAD outside the admin, without a session cookie. Editors, previews,
form posts and everything outside a request (commands, migrations) use the primary.

After a publish (or any change the page cache purges), the replica may still be behind for
a moment, and a page rendered from it would be cached under the new generation for the
page-cache lifetime. So ``note_write()`` (called by caching once the change is committed)
sends anonymous reads to the primary for ``REPLICA_LAG_WINDOW_SECONDS`` (default 5)."""

from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache

from .security import is_admin_path

REPLICA = "replica"
reads_from_replica = ContextVar("reads_from_replica", default=False)
RECENT_WRITE_KEY = "ops:db:recent-write"


def replica_configured():
    return f"{__name__}.PrimaryReplicaRouter" in getattr(settings, "DATABASE_ROUTERS", ())


def lag_window():
    return getattr(settings, "REPLICA_LAG_WINDOW_SECONDS", 5)


def note_write():
    """Public content just changed on the primary: read from it for a short while."""
    if replica_configured():
        cache.set(RECENT_WRITE_KEY, 1, timeout=lag_window())


def may_read_from_replica(request):
    return (
        request.method in ("GET", "HEAD")
        and not is_admin_path(request.path_info)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and cache.get(RECENT_WRITE_KEY) is None
    )


class ReplicaForAnonymousReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = reads_from_replica.set(may_read_from_replica(request))
        try:
            return self.get_response(request)
        finally:
            reads_from_replica.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if reads_from_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"  # the replica follows the primary's schema by replication
