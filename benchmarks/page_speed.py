"""Page throughput and latency on the production stack, against a static-file ceiling.

    python3 -m tsinghua_med bench [--duration SECONDS]
    (or, in the virtualenv: python -m benchmarks.page_speed [--duration SECONDS])

Seeds a PostgreSQL database (tsinghua_med_bench) with the site's content, starts gunicorn
with the production settings on 127.0.0.1 and, for each page in both languages, runs wrk
at 16 connections: once with the page cache on (Redis) and once with it off. In the same
run it measures the same server returning a static file of each page's size (the ceiling,
through whitenoise) and prints each page's ratio to it, the SQL queries per request, the
HTML bytes and the bytes a first visit transfers. Figures go to stdout and into
benchmarks/RESULTS.md. Loopback only; every load run is bounded by --duration.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ops.local_stack import (
    PYTHON,
    ROOT,
    gunicorn,
    postgres_url,
    production_env,
    recreate_database,
    seed,
    start_services,
)

DATABASE = "tsinghua_med_bench"
REDIS_URL = "redis://127.0.0.1:6379/5"
CONNECTIONS = 16
RESULTS = Path(__file__).with_name("RESULTS.md")
PAGES = [
    ("home", "/en/", "/zh-hans/"),
    ("strategic plan", "/en/strategic-plan/", "/zh-hans/zhanlue-guihua/"),
    (
        "goal page",
        "/en/strategic-plan/educating-for-a-healthier-future/",
        "/zh-hans/zhanlue-guihua/jiaoyu/",
    ),
    ("cooperation", "/en/cooperation/", "/zh-hans/hezuo-yu-zhuanhua/"),
    ("search", "/en/search/?q=strategic+goals", "/zh-hans/search/?q=" + "医学"),
]
TARGETS = (
    "cached ≥ 70 % of the static ceiling; uncached ≤ 10 SQL queries and p99 ≤ 50 ms; 0 non-2xx"
)


def page_urls():
    for name, en, zh in PAGES:
        yield name, "en", en
        yield name, "zh-hans", zh


def quoted(url):
    return urllib.parse.quote(url, safe="/?=&+%")


def wrk(url, duration):
    """requests/s, p50 ms, p99 ms, non-2xx count, socket errors."""
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+\w+)\s*$", output, re.M))
    if set(latency) != {"50", "99"} or "Requests/sec:   0.00" in output:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
        output,
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def page_figures(env):
    """Queries and sizes, rendered in-process with the same settings, page cache off."""
    env = {**env, "PAGE_CACHE_SECONDS": "0"}
    urls = [url for _name, _lang, url in page_urls()]
    output = subprocess.run(
        [PYTHON, "-m", "benchmarks.page_figures", *urls],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def transfer_bytes(base, url, html_bytes, assets):
    """What a first visit downloads: the HTML plus its static assets, compressed as served."""
    total = html_bytes
    for asset in assets:
        request = urllib.request.Request(base + asset, headers={"Accept-Encoding": "br, gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            total += len(response.read())
    return total


def write_ceiling_files(static_root, sizes):
    """Static files of each page's HTML size, served by the same gunicorn + whitenoise."""
    folder = Path(static_root) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        (folder / f"ceiling-{size}.html").write_bytes(b"x" * size)
    return {size: f"/static/bench/ceiling-{size}.html" for size in sizes}


def warm_up(url):
    # An error status is counted as non-2xx by the run itself.
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(url, timeout=10).read()


def flush_redis():
    subprocess.run(["redis-cli", "-n", "5", "FLUSHDB"], check=True, stdout=subprocess.DEVNULL)


def machine():
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    return f"{platform.node()}: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def median_run(runs):
    """The run with the median throughput (its latencies belong to the same run)."""
    return sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]


def paired_runs(page_url, ceiling_url, duration, rounds):
    """Page and ceiling alternately, so drift on a shared machine hits both alike."""
    page_runs, ceiling_runs = [], []
    for _round in range(rounds):
        ceiling_runs.append(wrk(ceiling_url, duration))
        page_runs.append(wrk(page_url, duration))
    return median_run(page_runs), median_run(ceiling_runs)


def measure(duration, rounds):
    start_services()
    recreate_database(DATABASE)
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env = production_env(postgres_url(DATABASE), static_root, REDIS_URL=REDIS_URL)
    try:
        seed(env)
        figures = page_figures(env)
        ceilings = write_ceiling_files(static_root, {f["html_bytes"] for f in figures.values()})
        rows = []
        for cached in (True, False):
            flush_redis()
            server_env = {**env, "PAGE_CACHE_SECONDS": "600" if cached else "0"}
            with gunicorn(server_env) as base:
                for name, lang, url in page_urls():
                    figure = figures[url]
                    if cached and "?" in url:
                        continue  # query strings are never cached: same as uncached
                    warm_up(base + quoted(url))
                    run, ceiling = paired_runs(
                        base + quoted(url), base + ceilings[figure["html_bytes"]], duration, rounds
                    )
                    rows.append(
                        {
                            "page": name,
                            "lang": lang,
                            "mode": "cached" if cached else "uncached",
                            **run,
                            "ceiling_rps": ceiling["rps"],
                            "ratio": run["rps"] / ceiling["rps"],
                            "queries": figure["queries"],
                            "status": figure["status"],
                            "html_bytes": figure["html_bytes"],
                            "transfer_bytes": transfer_bytes(
                                base, url, figure["html_bytes"], figure["assets"]
                            ),
                        }
                    )
        return rows
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


def table(rows):
    header = (
        "| page | lang | mode | req/s | ceiling req/s | ratio | p50 ms | p99 ms | non-2xx | "
        "SQL/request | HTML bytes | transfer bytes |\n"
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = [
        f"| {r['page']} | {r['lang']} | {r['mode']} | {r['rps']:.0f} | {r['ceiling_rps']:.0f} | "
        f"{r['ratio']:.0%} | {r['p50']:.1f} | {r['p99']:.1f} | "
        f"{r['non_2xx'] + r['socket_errors']} | {r['queries']} | {r['html_bytes']:,} | "
        f"{r['transfer_bytes']:,} |"
        for r in rows
    ]
    return header + "\n".join(lines) + "\n"


def verdicts(rows):
    cached = [r for r in rows if r["mode"] == "cached"]
    uncached = [r for r in rows if r["mode"] == "uncached"]
    return [
        f"- cached pages at ≥ 70 % of the ceiling: {sum(r['ratio'] >= 0.7 for r in cached)}"
        f"/{len(cached)} (lowest {min(r['ratio'] for r in cached):.0%})",
        f"- uncached ≤ 10 SQL queries: {sum(r['queries'] <= 10 for r in uncached)}/{len(uncached)}"
        f" (highest {max(r['queries'] for r in uncached)})",
        f"- uncached p99 ≤ 50 ms: {sum(r['p99'] <= 50 for r in uncached)}/{len(uncached)}"
        f" (highest {max(r['p99'] for r in uncached):.1f} ms)",
        f"- non-2xx and socket errors: {sum(r['non_2xx'] + r['socket_errors'] for r in rows)}",
    ]


def write_results(report, section="pages"):
    """Replace this script's section of RESULTS.md, leaving the other scripts' sections."""
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    block = f"{start}\n{report}{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument(
        "--rounds", type=int, default=3, help="page/ceiling pairs per row (the median counts)"
    )
    args = parser.parse_args()
    rows = measure(args.duration, args.rounds)
    report = (
        "## Pages: throughput, latency, queries, weight\n\n"
        f"`python3 -m tsinghua_med bench --duration {args.duration} --rounds {args.rounds}` on "
        f"{datetime.date.today().isoformat()}, {machine()}. gunicorn (production settings, "
        f"gunicorn.conf.py defaults) + PostgreSQL + Redis on loopback; wrk -t2 -c{CONNECTIONS} "
        f"-d{args.duration}s, page and ceiling alternately {args.rounds} times per row, the "
        "median run shown. The ceiling is the same server returning a static file of the "
        "page's HTML size. Search pages carry a query string, which the page cache never "
        "serves, so they have no cached row.\n\n"
        f"{table(rows)}\nTargets: {TARGETS}.\n\n" + "\n".join(verdicts(rows)) + "\n"
    )
    print(report)
    write_results(report)


if __name__ == "__main__":
    main()
