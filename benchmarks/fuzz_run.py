"""Hostile-input run against the production stack (gunicorn + PostgreSQL, production
settings, ops/local_stack.py): N requests across every page, the search, the read API, the
sitemap, robots.txt, /healthz and any feed, in both languages, with malformed input. Counts
answers by status; any 5xx (or a dropped connection) fails the run.

    .venv/bin/python benchmarks/fuzz_run.py --requests 10000 [--database tm_fuzz]

What is sent (seeded random, so a run can be repeated with --seed):
* addresses discovered, not listed here: every <loc> and hreflang alternate of
  /sitemap.xml, every same-site link, feed (<link rel=alternate type=…atom/rss…>) and form
  on the pages crawled from both home pages, and the API endpoints the API itself lists;
* mutations: NUL and other control characters percent-encoded, bad percent-encoding
  (``%``, ``%zz``, ``%c0%ae``), overlong values (up to 8,000 characters), traversal, CJK
  and right-to-left text, SQL and script fragments, huge and negative numbers, repeated
  parameters, unknown parameters;
* methods GET, HEAD, OPTIONS, POST (with a form body), PUT, DELETE;
* Accept-Language / Accept variations, and X-Forwarded-For from many clients (the stack
  runs with TRUSTED_PROXY_COUNT=1, as behind one proxy, so the API throttle's per-client
  budget is exercised rather than exhausted).

Loopback only; bounded by --requests.
"""

import argparse
import collections
import http.client
import random
import re
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ops.local_stack import (  # noqa: E402
    gunicorn,
    postgres_url,
    production_env,
    recreate_database,
    seed,
)

HOSTILE = [
    "%00", "%00abc", "a%00", "%01%02", "%0d%0aSet-Cookie:%20x=1", "%", "%zz", "%c0%ae%c0%ae",
    "%ff%fe", "..%2f..%2fetc%2fpasswd", "../../etc/passwd", "%2e%2e", "//", "\\",
    "'", "%22", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "1%20OR%201=1", "';DROP%20TABLE%20x;--",
    "-1", "0", "99999999999999999999999", "1e309", "NaN", "null", "[]", "{}",
    quote("医学院"), quote("清华大学医学院国际合作"), quote("\u202eevil"), quote("\ufeff"),
    quote("é"), "a" * 300, "x" * 8000, quote("医" * 2000),
]  # fmt: skip
KEYS = [
    "q", "page", "search", "search_operator", "type", "fields", "order", "limit", "offset",
    "lang", "locale", "translation_of", "kind", "area", "child_of", "descendant_of",
    "html_path", "format", "next", "_", "%00", "",
]  # fmt: skip
GOOD_VALUES = {
    "search_operator": ["and", "or"],
    "lang": ["en", "zh-hans"],
    "kind": ["international", "hospital", "enterprise"],
    "order": ["name", "-name", "since_year", "title", "-id"],
    "fields": ["*", "title", "name,slug", "_,id"],
    "type": ["pages.StandardPage", "strategy.StrategicGoalPage", "pages.HomePage"],
    "limit": ["1", "20"],
    "q": ["health", "医学", "Johns Hopkins", "国际合作"],
}
METHODS = ["GET"] * 14 + ["HEAD"] * 2 + ["OPTIONS", "POST", "POST", "PUT", "DELETE"]
LANGUAGES = ["en", "zh-CN,zh;q=0.9", "zh-hans", "fr", "*", "x" * 200, ""]


def fetch(base, method, target, headers=None, body=None):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Type", "application/x-www-form-urlencoded")
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        content = response.read()
        return response.status, dict(response.getheaders()), content
    finally:
        connection.close()


def discover(base, limit=200):
    """Paths from the sitemap, links, feeds and forms of the site, and the API's own lists."""
    paths, forms = set(), set()
    _s, _h, sitemap = fetch(base, "GET", "/sitemap.xml")
    for url in re.findall(rb"(?:<loc>|href=\")(https?://[^<\"]+)", sitemap):
        paths.add(urlsplit(url.decode()).path)
    queue = ["/en/", "/zh-hans/", *sorted(paths)]
    seen = set()
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, headers, body = fetch(base, "GET", path)
        if status != 200 or "html" not in headers.get("Content-Type", ""):
            continue
        for href in re.findall(rb'href="([^"#]+)"', body):
            parts = urlsplit(href.decode())
            if parts.netloc in ("", urlsplit(base).netloc) and parts.path.startswith("/"):
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                if not target.startswith(("/static/", "/media/", "/admin/", "/documents/")):
                    paths.add(target)
                    queue.append(target)
        for action in re.findall(rb'<form[^>]*action="([^"]*)"', body):
            forms.add(urlsplit(action.decode()).path or path)
    for lang in ("en", "zh-hans"):
        paths.add(f"/{lang}/search/")
        for endpoint in ("pages", "partners"):
            paths.add(f"/{lang}/api/v2/{endpoint}/")
    for endpoint in ("pages", "partners"):
        paths.add(f"/api/v2/{endpoint}/")
        _s, _h, listing = fetch(base, "GET", f"/api/v2/{endpoint}/?limit=20")
        for detail in re.findall(rb'"detail_url": ?"(https?://[^"]+)"', listing):
            paths.add(urlsplit(detail.decode()).path)
    paths |= {"/api/v2/pages/find/", "/sitemap.xml", "/robots.txt", "/healthz", "/"}
    feeds = {p for p in paths if re.search(r"(feed|atom|rss)", p)}
    return sorted(paths), sorted(forms), sorted(feeds)


def category(path):
    if "/api/" in path:
        return "api"
    if "/search/" in path:
        return "search"
    if path.startswith(("/sitemap", "/robots")):
        return "sitemap/robots"
    if re.search(r"(feed|atom|rss)", path):
        return "feeds"
    if path.startswith("/healthz"):
        return "healthz"
    return "pages"


def mutate(rng, paths, forms):
    path = rng.choice(paths).split("?")[0]
    choice = rng.random()
    if choice < 0.15:  # hostile path segments
        path = (
            path.rstrip("/") + "/" + "/".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 3)))
        )
    params = []
    for _ in range(rng.choice([0, 1, 1, 2, 3, 5])):
        key = rng.choice(KEYS)
        value = (
            quote(rng.choice(GOOD_VALUES.get(key, [])))
            if rng.random() < 0.4 and key in GOOD_VALUES
            else rng.choice(HOSTILE)
        )
        params.append(f"{quote(key, safe='%')}={value}")
        if rng.random() < 0.1:  # repeated parameter
            params.append(f"{quote(key, safe='%')}={rng.choice(HOSTILE)}")
    # What a browser would send: anything outside ASCII percent-encoded, the rest as is.
    path = quote(path, safe="/%:@!$&'()*+,;=-._~")
    target = path + ("?" + "&".join(params) if params else "")
    method = rng.choice(METHODS)
    body = None
    if method in ("POST", "PUT"):
        if forms and rng.random() < 0.5:
            target = quote(rng.choice(forms), safe="/%:@!$&'()*+,;=-._~")
        body = "&".join(
            f"{rng.choice(KEYS)}={rng.choice(HOSTILE)}" for _ in range(rng.randint(0, 4))
        ).encode()
    client = f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    headers = {
        "Host": "127.0.0.1",
        "Accept-Language": rng.choice(LANGUAGES),
        "Accept": rng.choice(["text/html", "application/json", "*/*", "text/html;q=0.1"]),
        "X-Forwarded-Proto": "https",
        # A forged left part, then the client address "our proxy" appended.
        "X-Forwarded-For": f"{rng.choice(HOSTILE)[:20]}, {client}",
    }
    return method, target, headers, body


def run(base, paths, forms, total, threads, seed_value):
    statuses = collections.Counter()
    by_category = collections.defaultdict(collections.Counter)
    failures = []
    lock = threading.Lock()
    counter = iter(range(total))

    def worker(number):
        rng = random.Random(seed_value * 1000 + number)  # noqa: S311 (test input, not secrets)
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            method, target, headers, body = mutate(rng, paths, forms)
            try:
                status, _headers, _content = fetch(base, method, target, headers, body)
            except (OSError, http.client.HTTPException) as error:
                status = f"error: {type(error).__name__}"
            with lock:
                statuses[status] += 1
                by_category[category(target)][method] += 1
                if not isinstance(status, int) or status >= 500:
                    failures.append((status, method, target[:200]))

    started = time.monotonic()
    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return statuses, by_category, failures, time.monotonic() - started


def describe(kind, methods):
    each = ", ".join(f"{method} {count}" for method, count in sorted(methods.items()))
    return f"{kind} {sum(methods.values())} ({each})"


def report(paths, forms, feeds, statuses, by_category, failures, seconds):
    total = sum(statuses.values())
    lines = [
        f"fuzz: {total} requests in {seconds:.0f} s, {len(paths)} discovered addresses, "
        f"{len(forms)} forms, {len(feeds)} feeds",
        "status counts: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str)),
        "by kind: "
        + "; ".join(describe(kind, methods) for kind, methods in sorted(by_category.items())),
        f"5xx or dropped: {len(failures)}",
    ]
    lines += [f"  {status} {method} {target}" for status, method, target in failures[:30]]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--database", default="tm_fuzz")
    args = parser.parse_args()
    recreate_database(args.database)
    with tempfile.TemporaryDirectory() as static_root:
        env = production_env(postgres_url(args.database), static_root, TRUSTED_PROXY_COUNT="1")
        seed(env)
        with gunicorn(env, workers=args.workers) as base:
            paths, forms, feeds = discover(base)
            results = run(base, paths, forms, args.requests, args.threads, args.seed)
    print(report(paths, forms, feeds, *results))
    return 1 if results[2] else 0


if __name__ == "__main__":
    sys.exit(main())
