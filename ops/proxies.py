"""The client's address behind ``TRUSTED_PROXY_COUNT`` reverse proxies: one rule for the API
throttle (Django REST framework's ``NUM_PROXIES``, the same arithmetic), the login lockout
(django-axes' ``AXES_CLIENT_IP_CALLABLE``) and, in gunicorn.conf.py, which peers may set
X-Forwarded-* headers at all.

With 0 (the default: gunicorn faces clients), X-Forwarded-For is ignored: it is whatever the
client typed. With N, each trusted proxy appended the address it saw, so the client is the
N-th entry from the right; anything further left was sent by the client and is ignored.
"""

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if count <= 0 or not forwarded:
        return remote_addr
    hops = [hop.strip() for hop in forwarded.split(",")]
    return hops[-min(count, len(hops))] or remote_addr
