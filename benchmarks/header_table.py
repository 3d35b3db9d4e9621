"""Security headers of four kinds of response, like Mozilla Observatory's table, under the
production settings on gunicorn (ops/local_stack.py): a public page, a static file, the admin
login and the API. Prints a Markdown table.

    .venv/bin/python benchmarks/header_table.py [--database tm_headers]

Loopback only; seeds (recreates) the named PostgreSQL database.
"""

import argparse
import http.client
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ops.local_stack import (  # noqa: E402
    gunicorn,
    postgres_url,
    production_env,
    recreate_database,
    seed,
)

HEADERS = [
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Set-Cookie",
    "Cache-Control",
]


def fetch(base, path, method="GET"):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    # As the documented proxy sends it: TLS terminated in front of gunicorn.
    connection.request(method, path, headers={"X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    body = response.read()
    headers = {}
    for name, value in response.getheaders():
        headers.setdefault(name.lower(), []).append(value)
    connection.close()
    return response.status, headers, body


def summarise(name, values):
    if not values:
        return "—"
    if name == "Content-Security-Policy":
        policy = values[0]
        script = re.search(r"script-src ([^;]*)", policy)
        ancestors = re.search(r"frame-ancestors ([^;]*)", policy)
        return (
            f"script-src {script.group(1) if script else '(default-src)'}; "
            f"frame-ancestors {ancestors.group(1) if ancestors else '—'}"
        )
    if name == "Permissions-Policy":
        return f"{len(values[0].split(','))} features off"
    if name == "Set-Cookie":
        flags = []
        for cookie in values:
            cookie_name = cookie.split("=", 1)[0]
            attributes = [
                a.strip().split("=")[0].lower() for a in cookie.split(";")[1:] if a.strip()
            ]
            wanted = [a for a in ("secure", "httponly") if a in attributes]
            samesite = re.search(r"samesite=(\w+)", cookie, re.I)
            if samesite:
                wanted.append(f"SameSite={samesite.group(1)}")
            flags.append(f"{cookie_name}: {', '.join(wanted) or 'no flags'}")
        return "<br>".join(flags)
    return "; ".join(values)


def static_path(base):
    _status, _headers, body = fetch(base, "/en/")
    match = re.search(rb'href="(/static/[^"]+\.css)"', body)
    return match.group(1).decode() if match else "/static/css/site.css"


def table(base, admin_path="/admin/"):
    targets = [
        ("public page /en/", "/en/"),
        ("static file", static_path(base)),
        ("admin login", f"{admin_path}login/"),
        ("API /api/v2/pages/", "/api/v2/pages/"),
    ]
    rows = {}
    for label, path in targets:
        status, headers, _body = fetch(base, path)
        rows[label] = (status, {h: summarise(h, headers.get(h.lower(), [])) for h in HEADERS})
    lines = ["| header | " + " | ".join(rows) + " |", "| --- |" + " --- |" * len(rows)]
    lines.append("| status | " + " | ".join(str(rows[label][0]) for label in rows) + " |")
    for header in HEADERS:
        lines.append(f"| {header} | " + " | ".join(rows[label][1][header] for label in rows) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="tm_headers")
    args = parser.parse_args()
    recreate_database(args.database)
    with tempfile.TemporaryDirectory() as static_root:
        env = production_env(postgres_url(args.database), static_root)
        seed(env)
        with gunicorn(env, workers=2) as base:
            print(table(base))


if __name__ == "__main__":
    main()
