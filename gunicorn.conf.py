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
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 27 opens a control socket in $HOME by default; a container has no use for it.
control_socket_disable = True
