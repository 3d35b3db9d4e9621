"""gunicorn settings, read from the environment (see README)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Workers are recycled now and then (guards against slow leaks). The app is loaded once in
# the master and forked, so a recycled worker is back in milliseconds instead of spending
# seconds importing Django while its share of connections waits.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
preload_app = True
# No access log by default: the JSON request log (ops/request_log.py) already writes one line
# per request, cache hits included, with the request id; GUNICORN_ACCESSLOG=- adds gunicorn's.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"


def _forwarded_allow_ips():
    """Which peers may set X-Forwarded-Proto/-For: none but loopback when clients connect
    directly (TRUSTED_PROXY_COUNT=0); behind trusted proxies, FORWARDED_ALLOW_IPS (the proxy
    network, e.g. "10.0.0.0/8") or, unset, any peer: the port must then be reachable only
    from the proxy (docs/deployment.md)."""
    explicit = os.environ.get("FORWARDED_ALLOW_IPS")
    if explicit:
        return explicit
    count = os.environ.get("TRUSTED_PROXY_COUNT") or os.environ.get("AXES_PROXY_COUNT") or "0"
    return "*" if int(count) > 0 else "127.0.0.1"


forwarded_allow_ips = _forwarded_allow_ips()
# gunicorn 27 opens a control socket in $HOME by default; a container has no use for it.
control_socket_disable = True
