"""The raw WSGI ceiling: a few lines returning each page's captured bytes from memory,
run by benchmarks/page_speed.py under the same gunicorn (gunicorn.conf.py, same workers) as
the site. ``RAW_WSGI_PAGES`` names a JSON file ``{raw request path: file of the bytes}``."""

import json
import os
from pathlib import Path

PAGES = {
    path.encode("latin-1", "replace").decode("latin-1"): Path(file).read_bytes()
    for path, file in json.loads(Path(os.environ["RAW_WSGI_PAGES"]).read_text()).items()
}


def application(environ, start_response):
    body = PAGES.get(environ.get("RAW_URI", environ.get("PATH_INFO", "")))
    if body is None:
        start_response("404 Not Found", [("Content-Length", "0")])
        return [b""]
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    start_response("200 OK", headers)
    return [body]
