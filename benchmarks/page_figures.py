"""Per-page figures rendered in-process with the production settings: SQL queries, Redis
round trips, worker CPU (``time.process_time``) per render with the page cache off and on,
the first render after a publish, HTML size and assets. Prints JSON
``{url: {...}}``. Run by benchmarks/page_speed.py with the benchmark's environment (its
own database: it publishes pages); not meant to be run alone.

CPU per request is robust to other load on the machine, unlike requests/s: it is the
worker's own CPU time, whoever else runs."""

import json
import os
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import django

RENDERS = 40


class AssetParser(HTMLParser):
    """Static assets a browser fetches for the page: stylesheets, scripts, images."""

    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preload"):
            self.assets.append(attrs.get("href"))
        elif tag in ("script", "img") and attrs.get("src"):
            self.assets.append(attrs["src"])


class RedisCounter:
    """Counts commands sent to Redis (a pipeline or MGET counts once: one round trip), by
    redis-py or by the fast path's own generation reader (only the MGETs it sends: the
    generations it keeps while Redis tracks them cost none)."""

    def __init__(self):
        import redis

        counted_methods = [(redis.Redis, "execute_command"), (redis.client.Pipeline, "execute")]
        try:
            from caching.generation_reader import GenerationReader
        except ImportError:  # an older commit measured with this harness has no such reader
            pass
        else:
            counted_methods.append((GenerationReader, "_mget"))
        self.count = 0
        for cls, name in counted_methods:
            original = getattr(cls, name)

            def counted(*args, _original=original, **kwargs):
                self.count += 1
                return _original(*args, **kwargs)

            setattr(cls, name, counted)


class QueryCounter:
    """SQL statements run inside the block. (CaptureQueriesContext counts wrong around a
    full request: Django's request_started handler empties the log it measures.)"""

    def __init__(self, connection):
        self.connection = connection
        self.count = 0

    def __enter__(self):
        self.wrapper = self.connection.execute_wrapper(self)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self):
        return self.count


def cpu_ms(get, url, renders):
    started = time.process_time()
    for _ in range(renders):
        get(url)
    return (time.process_time() - started) * 1000 / renders


def wsgi_getter(application):
    """GET through the WSGI application gunicorn runs (tsinghua_med/wsgi.py: cache hits are
    answered there, ahead of Django), as the test client cannot."""
    from django.test import RequestFactory

    factory = RequestFactory(HTTP_HOST="127.0.0.1")

    def get(url):
        response = application(factory.get(url).environ, lambda status, headers: None)
        body = b"".join(response)
        if hasattr(response, "close"):
            response.close()
        return body

    return get


def find_page(url):
    from django.test import RequestFactory
    from django.utils import translation
    from wagtail.models import Page

    language, _, rest = url.lstrip("/").partition("/")
    with translation.override(language):
        route = Page.route_for_request(RequestFactory().get(url), "/" + rest)
    return route[0] if route else None


def discover():
    """One live page of each page type (news, events … included once they exist) and one
    address of each routable page's extra routes, as ``[name, en_url, zh_url]``."""
    from django.utils import translation
    from wagtail.models import Page

    from translations import i18n

    found, seen = [], set()
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        kind = type(page)
        if kind not in seen:
            seen.add(kind)
            urls = i18n.page_urls_by_language(page)
            found.append([str(kind._meta.verbose_name), urls["en"], urls["zh-hans"]])
        routes = getattr(page, "sitemap_routes", None)
        if routes is not None and (kind, "routes") not in seen:
            seen.add((kind, "routes"))
            for by_language, _lastmod in routes(None):
                with translation.override("en"):
                    found.append([f"{kind._meta.verbose_name} route", *by_language.values()])
                break
    return found


def main(urls):
    django.setup()
    if urls == ["--discover"]:
        print(json.dumps(discover()))
        return
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from tsinghua_med.wsgi import application

    get_wsgi = wsgi_getter(application)
    redis_calls = RedisCounter() if "redis" in settings.CACHES["default"]["BACKEND"] else None
    client = Client(HTTP_HOST="127.0.0.1")
    figures = {}
    for url in urls:
        settings.PAGE_CACHE_SECONDS = 0
        client.get(url)  # warm per-process caches, as a long-running worker has them
        client.get(url)
        before = redis_calls.count if redis_calls else 0
        with QueryCounter(connection) as queries:
            response = client.get(url)
        redis_round_trips = (redis_calls.count - before) if redis_calls else 0
        parser = AssetParser()
        parser.feed(response.content.decode())
        uncached = cpu_ms(client.get, url, RENDERS)
        settings.PAGE_CACHE_SECONDS = 600
        get_wsgi(url)  # stored
        get_wsgi(url)  # kept in this worker's memory
        before = redis_calls.count if redis_calls else 0
        with QueryCounter(connection) as hit_queries:
            get_wsgi(url)
        hit_redis = (redis_calls.count - before) if redis_calls else 0
        hit = cpu_ms(get_wsgi, url, RENDERS * 5)
        # The first render after a publish: the page's section (and everything cached
        # under its generations) starts cold. Page cache off, as for ``uncached``.
        settings.PAGE_CACHE_SECONDS = 0
        first_after_publish = None
        page = "?" not in url and find_page(url)
        if page:
            page.specific.save_revision().publish()
            started = time.process_time()
            with QueryCounter(connection) as publish_queries:
                client.get(url)
            first_after_publish = {
                "cpu_ms": (time.process_time() - started) * 1000,
                "queries": len(publish_queries),
            }
        capture = os.environ.get("BENCH_CAPTURE_DIR")
        if capture:
            file = Path(capture) / f"page-{len(figures)}.html"
            file.write_bytes(response.content)
        figures[url] = {
            "file": str(file) if capture else None,
            "status": response.status_code,
            "queries": len(queries),
            "redis": redis_round_trips,
            "cpu_ms_render": round(uncached, 2),
            "hit_cpu_ms": round(hit, 3),
            "hit_queries": len(hit_queries),
            "hit_redis": hit_redis,
            "first_after_publish": first_after_publish,
            "html_bytes": len(response.content),
            "assets": sorted({a for a in parser.assets if a and a.startswith("/")}),
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
