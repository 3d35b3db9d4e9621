"""The WSGI fast path (caching/fast_path.py) in front of Django's real WSGI handler: what it
answers, what it leaves to Django, and what a hit costs (cache round trips, SQL)."""

import gzip
import io
import logging

import brotli
import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

import tsinghua_med.wsgi
from caching import fast_path
from caching.fast_path import FastHits, LocalEntries, Targets
from pages.content_loader import read_data
from pages.models import StandardPage
from tests.support.helpers import LANGS, PREFIX

pytestmark = pytest.mark.django_db
SITE = read_data()


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


class CountingDjango:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def site():
    # As the test client does: the request signals would close the connection that holds
    # the test's transaction.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    django = CountingDjango()
    yield FastHits(django), django
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def call(app, path, method="GET", query="", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=int(status[:3]), headers=dict(response_headers))

    result = app(environ, start_response)
    body = b"".join(result)
    if hasattr(result, "close"):  # as a WSGI server does (Django's request_finished)
        result.close()
    return started["status"], started["headers"], body


def about_url(lang):
    return f"{PREFIX[lang]}{SITE['about']['slug'][lang]}/"


def test_the_served_application_is_the_fast_path():
    assert isinstance(tsinghua_med.wsgi.application, FastHits)
    assert isinstance(tsinghua_med.wsgi.application.app, WSGIHandler)


@pytest.mark.parametrize("lang", LANGS)
def test_a_hit_is_answered_before_django_with_the_stored_headers(site, lang):
    app, django = site
    status, miss_headers, miss_body = call(app, about_url(lang))
    assert (status, miss_headers["X-Cache"], django.calls) == (200, "MISS", 1)
    status, headers, body = call(app, about_url(lang))
    assert (status, headers["X-Cache"], django.calls) == (200, "HIT", 1)
    assert body == miss_body
    assert headers["Content-Length"] == str(len(body))
    for name in ("Content-Type", "Content-Security-Policy", "ETag", "Cache-Control", "Vary"):
        assert headers[name] == miss_headers[name], name
    assert headers["X-Request-ID"] != miss_headers["X-Request-ID"]
    html_lang = {"en": 'lang="en"', "zh_hans": 'lang="zh-hans"'}[lang]
    assert html_lang in body.decode()


def test_each_language_has_its_own_hit(site):
    app, _ = site
    call(app, "/en/")
    call(app, "/zh-hans/")
    en = call(app, "/en/")
    zh = call(app, "/zh-hans/")
    assert en[1]["X-Cache"] == zh[1]["X-Cache"] == "HIT"
    assert 'lang="en"' in en[2].decode() and 'lang="zh-hans"' in zh[2].decode()
    assert SITE["home"]["hero_heading"]["zh_hans"] in zh[2].decode()


def test_a_warm_hit_costs_one_cache_round_trip_and_no_sql(site, monkeypatch):
    app, django = site
    call(app, "/en/")
    call(app, "/en/")  # the worker now holds the entry
    calls = []
    depth = [0]  # the local-memory backend's get_many calls its own get: count the outer call

    def counted(name, original):
        def method(*args, **kwargs):
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return method

    for name in ("get", "get_many", "set", "add", "set_many"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    with CaptureQueriesContext(connection) as queries:
        status, headers, _ = call(app, "/en/")
    assert (status, headers["X-Cache"]) == (200, "HIT")
    assert calls == ["get_many"] and len(queries) == 0 and django.calls == 1


def test_validators_encodings_and_head(site):
    app, django = site
    _, headers, body = call(app, "/en/")
    etag = headers["ETag"]
    status, headers, empty = call(app, "/en/", if_none_match=etag)
    assert (status, empty, headers["ETag"], headers["X-Cache"]) == (304, b"", etag, "HIT")
    assert "Content-Length" not in headers
    _, headers, zipped = call(app, "/en/", accept_encoding="gzip, deflate")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(zipped) == body
    _, headers, compressed = call(app, "/en/", accept_encoding="gzip, deflate, br")
    assert headers["Content-Encoding"] == "br" and brotli.decompress(compressed) == body
    status, headers, empty = call(app, "/en/", method="HEAD")
    assert (status, empty, headers["Content-Length"]) == (200, b"", str(len(body)))
    assert django.calls == 1


@pytest.mark.parametrize(
    "path, method, query, headers",
    [
        ("/en/", "GET", "", {"cookie": "sessionid=abc"}),  # an editor, a preview
        ("/en/", "GET", "", {"cookie": "messages=abc"}),  # a flash message to show
        ("/en/", "GET", "x=1", {}),
        ("/en/", "POST", "", {}),
        ("/en/", "OPTIONS", "", {}),
        ("/en/", "GET", "", {"host": "evil.example"}),  # Django answers 400
    ],
)
def test_what_the_fast_path_leaves_to_django(site, path, method, query, headers):
    app, django = site
    call(app, path)
    call(app, path)
    before = django.calls
    status, response_headers, _ = call(app, path, method=method, query=query, **headers)
    assert django.calls == before + 1
    assert response_headers.get("X-Cache") != "HIT"
    assert status != 500


@pytest.mark.parametrize("path", ["/en/%00/", "/en/%ff%fe/", "/zh-hans/\x00", "/xx/", "/admin/"])
def test_bad_paths_reach_django_and_get_a_client_error_or_redirect(site, path):
    app, django = site
    status, _, _ = call(app, path)
    assert django.calls == 1 and 300 <= status < 500


def test_a_publish_is_seen_on_the_next_request_by_a_worker_holding_the_page(site):
    app, django = site
    url = about_url("zh_hans")
    call(app, url)
    call(app, url)  # held in this worker's memory
    page = StandardPage.objects.get(slug_en=SITE["about"]["slug"]["en"])
    page.title_zh_hans = "学院概况（更新）"
    page.save_revision().publish()
    status, headers, body = call(app, url)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert "学院概况（更新）" in body.decode()
    assert call(app, url)[1]["X-Cache"] == "HIT"


def test_a_stale_entry_in_the_cache_is_never_served(site):
    app, django = site
    call(app, "/en/")
    call(app, "/en/")
    cache.clear()  # generations gone: they restart from the clock, matching no entry
    assert call(app, "/en/")[1]["X-Cache"] == "MISS"
    assert django.calls == 2


def test_a_hit_writes_the_request_log_line(site, caplog):
    app, _ = site
    call(app, "/zh-hans/")
    with caplog.at_level(logging.INFO, logger="tsinghua_med.requests"):
        _, headers, _ = call(app, "/zh-hans/", x_request_id="proxy-id-1")
    assert headers["X-Request-ID"] == "proxy-id-1"
    (record,) = [
        r for r in caplog.records if getattr(r, "fields", {}).get("request_id") == "proxy-id-1"
    ]
    assert record.fields["path"] == "/zh-hans/" and record.fields["lang"] == "zh-hans"
    assert record.fields["status"] == 200 and record.fields["request_id"] == "proxy-id-1"


def test_page_cache_off_means_django_answers_everything(site, settings):
    app, django = site
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert "X-Cache" not in call(app, "/en/")[1]
    assert django.calls == 2


def test_local_entries_are_bounded_by_bytes():
    entries = LocalEntries(max_bytes=250)
    for key in "abc":
        entries.put(key, {"body": b"x" * 100, "gzip": None, "br": None})
    assert entries.get("a") is None and entries.get("b") and entries.get("c")
    entries.put("big", {"body": b"x" * 300, "gzip": None, "br": None})
    assert entries.get("big") is None and entries.get("c")


@pytest.mark.parametrize("path", ["/en/no-such-section-1/", "/zh-hans/no-such-section-2/x/"])
def test_unknown_addresses_leave_no_lasting_generation(site, path, monkeypatch):
    """Sections' generations are kept without expiry: only sections where a page answered
    may add one for good, or random addresses would fill the cache."""
    app, _ = site
    added = {}
    original = cache.add

    def add(key, value, timeout=None, **kwargs):
        added[key] = timeout
        return original(key, value, timeout=timeout, **kwargs)

    monkeypatch.setattr(cache, "add", add)
    lang, section = path.split("/")[1:3]
    assert call(app, path)[0] == 404
    assert added[f"pagecache:gen:{lang}:{section}"] == 600
    assert call(app, f"/{lang}/")[0] == 200
    assert cache.get(f"pagecache:gen:{lang}:") is not None
    assert added.get(f"pagecache:gen:{lang}:", "kept before") in (None, "kept before")


# Addresses worked out once ------------------------------------------------------------------


def test_other_cookies_get_hits_and_a_lookalike_of_the_session_cookie_goes_to_django(site):
    app, django = site
    call(app, "/en/")
    assert call(app, "/en/", cookie="csrftoken=abc; django_language=en")[1]["X-Cache"] == "HIT"
    assert django.calls == 1
    # Not a session cookie, but named like one: Django decides, and still answers a hit.
    _, headers, _ = call(app, "/en/", cookie="sessionid_hint=1")
    assert django.calls == 2 and headers["X-Cache"] == "HIT"


def test_an_address_is_worked_out_once(site, monkeypatch):
    app, _ = site
    call(app, "/en/")
    call(app, "/en/")
    worked_out = []
    original = Targets._work_out
    monkeypatch.setattr(
        Targets, "_work_out", staticmethod(lambda env: worked_out.append(1) or original(env))
    )
    for _ in range(3):
        assert call(app, "/en/")[1]["X-Cache"] == "HIT"
    assert worked_out == []
    assert call(app, "/en/", host="127.0.0.1")[1]["X-Cache"] == "MISS"  # another address
    assert worked_out == [1]


def test_changed_settings_are_applied_to_addresses_already_seen(site, settings):
    app, django = site
    call(app, "/en/")
    assert call(app, "/en/")[1]["X-Cache"] == "HIT"
    settings.ALLOWED_HOSTS = ["other.example"]
    assert call(app, "/en/")[0] == 400 and django.calls == 2


def test_the_scheme_a_trusted_proxy_reports_has_its_own_entry(site, settings):
    app, _ = site
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = False
    call(app, "/en/")
    assert call(app, "/en/")[1]["X-Cache"] == "HIT"
    _, headers, _ = call(app, "/en/", x_forwarded_proto="https")
    assert headers["X-Cache"] == "MISS"
    assert call(app, "/en/", x_forwarded_proto="https")[1]["X-Cache"] == "HIT"


def test_addresses_remembered_are_bounded(site, monkeypatch):
    app, _ = site
    monkeypatch.setattr(fast_path, "MAX_TARGETS", 3)
    for number in range(10):
        call(app, f"/en/no-such-page-{number}/")
    assert len(app.targets._found) <= 3
