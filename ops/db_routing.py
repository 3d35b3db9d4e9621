"""Read replica for anonymous page views (on only when ``DATABASE_REPLICA_URL`` is set).

Replication lags a little, so only requests that cannot have just written anything read
from the replica: GET/HEAD outside the admin, without a session cookie. Editors, previews,
form posts and everything outside a request (commands, migrations) use the primary."""

from contextvars import ContextVar

from django.conf import settings

from .security import is_admin_path

REPLICA = "replica"
reads_from_replica = ContextVar("reads_from_replica", default=False)


def may_read_from_replica(request):
    return (
        request.method in ("GET", "HEAD")
        and not is_admin_path(request.path_info)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
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
