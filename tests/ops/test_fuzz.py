"""Bad input, fuzzed: thousands of generated paths, query strings, headers and form posts
against every public URL the site links to (pages in both languages, routable sub-pages,
GET filters, the search page when present), the read API (with its own parameters) and the
sitemap and robots.txt. No answer may be a 5xx, and nothing sent may come back unescaped in
HTML. Each fuzz test checks it sent what it was asked to; the total is printed at the end.

Bounded for CI: about 1,800 requests in about a minute (each renders a page, ~30 ms);
``FUZZ_SCALE=10`` multiplies every count for a longer run by hand. The 10,000-request run
against gunicorn with the production settings is ``benchmarks/fuzz_run.py``
(figures in benchmarks/RESULTS.md)."""

import os
import re
import string
from collections import Counter
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.helpers import soup

pytestmark = pytest.mark.django_db

SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
TRIED = Counter()
# Markup that must never come back as markup: if the page echoes input unescaped, this shows.
CANARY = '"><script>fz(1)</script><img src=x onerror=fz(2)>'
FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def examples(count):
    return settings(FUZZ, max_examples=max(1, int(count * SCALE)))


def crawl(client, start=("/en/", "/zh-hans/"), limit=60):
    """Every same-site path the public pages link to, and every form with its field names."""
    seen, queue, forms = set(), list(start), {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = soup(response)
        for link in html.select("a[href]"):
            parts = urlsplit(link["href"])
            if parts.netloc in ("", "testserver") and parts.path.startswith(("/en/", "/zh-hans/")):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        for form in html.select("form"):
            action = urlsplit(form.get("action") or path).path
            names = [f["name"] for f in form.select("[name]") if f.get("name")]
            forms[(action, form.get("method", "get").lower())] = names
    return sorted(seen), forms


CRAWLED = {}


@pytest.fixture(autouse=True)
def _api_unthrottled():
    # One test client address for thousands of requests: the API would answer 429 after the
    # first 120 and the fuzzing would stop reaching it.
    with override_settings(API_THROTTLE_RATE="1000000/minute"):
        yield


@pytest.fixture
def site(client):
    # Crawled once per run: every test rolls its transaction back, so the site is the same.
    if not CRAWLED:
        CRAWLED.update(discover(client))
    return CRAWLED


def discover(client):
    paths, forms = crawl(client)
    for lang in ("en", "zh-hans"):  # the search page, once it exists, even if not linked
        paths.append(f"/{lang}/search/")
        paths += [f"/{lang}/api/v2/pages/", f"/{lang}/api/v2/partners/"]
    # The read API (its own language parameter) and the crawler files.
    paths += ["/api/v2/pages/", "/api/v2/partners/", "/api/v2/pages/find/", "/sitemap.xml"]
    paths += ["/robots.txt"]
    query_keys = sorted(
        {key for path in paths for key in re.findall(r"[?&]([^=&]+)=", path)}
        | {name for names in forms.values() for name in names}
        | {"q", "page", "kind", "area", "lang", "next"}
        | {"search", "search_operator", "type", "fields", "order", "limit", "offset", "locale"}
        | {"child_of", "descendant_of", "html_path", "translation_of", "format"}
    )
    return {"paths": paths, "forms": forms, "keys": query_keys}


# Text that tends to break things: separators, encodings, traversal, huge numbers, CJK.
tricky = st.sampled_from(
    [
        "..", "%2e%2e", "%00", "%", "%ff", "//", "\\", "~", "'", '"', "<", ">", "&", ";",
        "-1", "0", "99999999999999999999", "1e309", "NaN", "null", "[]", "{}", "é", "医学",
        "清华", "\u202e", "\ufeff", "%E5%8C%BB", "a" * 300, CANARY,
    ]
)  # fmt: skip
words = st.one_of(
    tricky, st.text(min_size=0, max_size=40), st.text(string.ascii_letters + "-_", max_size=20)
)


def check(response, sent=()):
    TRIED["requests"] += 1
    assert response.status_code < 500, response.status_code
    body = response.content if not response.streaming else b""
    if "html" not in response.get("Content-Type", ""):
        body = b""  # the API's JSON errors may quote a parameter: JSON is not rendered
    for value in sent:
        if CANARY in value:
            assert CANARY.encode() not in body, "input reflected unescaped"
    for header, value in response.items():
        assert CANARY not in value, f"input reflected in {header}"


def sent_by(fuzz, site, asked, share=0.5):
    """Run a hypothesis fuzz function; fail unless it sent at least ``share`` of the examples
    asked for (some generated inputs are skipped, e.g. raw paths with a NUL). A fuzz test
    that silently sends nothing must not pass."""
    before = TRIED["requests"]
    fuzz(site)
    sent = TRIED["requests"] - before
    assert sent >= max(1, int(asked * SCALE * share)), f"only {sent} of {asked} requests sent"
    return sent


def fuzz_client():
    # Like a browser: CSRF enforced, so posts are refused properly rather than processed.
    return Client(enforce_csrf_checks=True)


@examples(500)
@given(data=st.data())
def fuzz_paths(site, data):
    base = data.draw(st.sampled_from(site["paths"]), label="base").split("?")[0]
    segments = data.draw(st.lists(words, max_size=4), label="segments")
    raw = data.draw(st.booleans(), label="raw")
    tail = "/".join(s if raw else quote(s, safe="") for s in segments)
    path = base + tail
    if not raw or not any(c in path for c in "\x00?#"):
        check(fuzz_client().get(path), [path])


def test_fuzzed_paths(site):
    sent_by(fuzz_paths, site, 500)


@examples(450)
@given(data=st.data())
def fuzz_query_strings(site, data):
    path = data.draw(st.sampled_from(site["paths"]), label="path").split("?")[0]
    keys = st.one_of(st.sampled_from(site["keys"]), words)
    params = data.draw(st.lists(st.tuples(keys, words), max_size=5), label="params")
    query = urlencode(params)
    check(fuzz_client().get(f"{path}?{query}"), [v for _k, v in params])


def test_fuzzed_query_strings(site):
    sent_by(fuzz_query_strings, site, 450, share=0.9)


accept_language = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.tuples(
            st.sampled_from(["en", "zh", "zh-hans", "zh-CN", "zh-Hant", "fr", "*", "x" * 80, ""]),
            st.one_of(st.none(), st.floats(allow_nan=True), st.text(max_size=5)),
        ),
        max_size=6,
    ).map(lambda tags: ",".join(f"{t};q={q}" if q is not None else t for t, q in tags)),
)
hosts = st.one_of(
    st.sampled_from(
        ["testserver", "localhost", "127.0.0.1", "evil.example", "testserver:99999",
         "[::1]", "", "a" * 300, "testserver.", "localhost:8000@evil"]
    ),
    st.text(max_size=40),
)  # fmt: skip


@examples(450)
@given(data=st.data(), language=accept_language, host=hosts)
def fuzz_headers(site, data, language, host):
    path = data.draw(st.sampled_from(["/", *site["paths"]]), label="path")
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    if host.isprintable() and "\n" not in host:
        headers["HTTP_HOST"] = host
    check(fuzz_client().get(path, **headers), [language, host])


def test_fuzzed_headers(site):
    sent_by(fuzz_headers, site, 450, share=0.9)


@examples(350)
@given(data=st.data())
def fuzz_form_posts(site, data):
    targets = [action for action, _method in site["forms"]] + site["paths"]
    path = data.draw(st.sampled_from(targets), label="path").split("?")[0]
    fields = st.one_of(st.sampled_from(site["keys"] + ["csrfmiddlewaretoken"]), words)
    form = data.draw(st.dictionaries(fields, words, max_size=6), label="form")
    client = data.draw(st.sampled_from(["browser", "no-csrf"]), label="client")
    poster = fuzz_client() if client == "browser" else Client()
    check(poster.post(path, form), list(form.values()))


def test_fuzzed_form_posts(site):
    sent_by(fuzz_form_posts, site, 350, share=0.9)


def test_fuzz_count_report(site, capsys):
    """Runs last in this module: prints how many requests the fuzz tests sent (each fuzz test
    checks its own count)."""
    with capsys.disabled():
        print(f"\nfuzz: {TRIED['requests']} requests, 0 server errors, {len(site['paths'])} "
              f"public URLs, {len(site['forms'])} forms")  # fmt: skip
