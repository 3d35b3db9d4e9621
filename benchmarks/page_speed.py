"""Page throughput and latency on the production stack, against a static-file ceiling.

    python3 -m tsinghua_med bench [--duration SECONDS]
    (or, in the virtualenv: python -m benchmarks.page_speed [--duration SECONDS])

Seeds a PostgreSQL database (tsinghua_med_bench) with the site's content, starts gunicorn
with the production settings on 127.0.0.1 and, for one live page of every page type (found
in the tree, so new types join by themselves) and search, in both languages, runs wrk at
16 connections: once with the page cache on (Redis) and once with it off. In the same run
it measures two ceilings under the same gunicorn.conf.py and worker count: the site's
server returning a static file of the page's size (through whitenoise), and a raw WSGI app
returning the page's bytes from memory (benchmarks/raw_wsgi.py), and prints each page's
ratio to both. Beside requests/s and p50/p99 it reports the workers' CPU per request (from
/proc, over the wrk run), and from an in-process pass (benchmarks/page_figures.py): CPU per
render, SQL queries and Redis round trips per page, the first render after a publish, the
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
import time
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

# Its own database and Redis db (BENCH_DATABASE / BENCH_REDIS_DB to run beside others).
DATABASE = os.environ.get("BENCH_DATABASE", "tsinghua_med_bench")
REDIS_DB = os.environ.get("BENCH_REDIS_DB", "5")
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
CONNECTIONS = 16
RESULTS = Path(__file__).with_name("RESULTS.md")
SEARCH = ("search", "/en/search/?q=strategic+goals", "/zh-hans/search/?q=" + "医学")
TARGETS = (
    "uncached ≤ 6 ms worker CPU per request, p99 ≤ 150 ms; cached ≥ 60 % of the raw WSGI "
    "ceiling; 0 non-2xx"
)


def page_urls(pages):
    for name, en, zh in pages:
        yield name, "en", en
        yield name, "zh-hans", zh


def discover_pages(env):
    output = subprocess.run(
        [PYTHON, "-m", "benchmarks.page_figures", "--discover"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return [tuple(row) for row in json.loads(output.strip().splitlines()[-1])] + [SEARCH]


def worker_cpu_seconds(master):
    """User + system CPU of a gunicorn master's workers (its children), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master.pid:
                total += int(fields[11]) + int(fields[12])
    return total / tick


def measured_wrk(url, duration, master):
    """A wrk run, with the workers' CPU per request over it (ms)."""
    before = worker_cpu_seconds(master)
    run = wrk(url, duration)
    requests = run["rps"] * duration
    run["cpu_ms"] = (worker_cpu_seconds(master) - before) * 1000 / max(requests, 1)
    return run


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


def page_figures(env, pages, capture_dir):
    """Queries, Redis round trips, CPU and sizes, rendered in-process with the same settings;
    each page's bytes are written to ``capture_dir`` for the raw WSGI ceiling."""
    env = {**env, "PAGE_CACHE_SECONDS": "0", "BENCH_CAPTURE_DIR": str(capture_dir)}
    urls = [url for _name, _lang, url in page_urls(pages)]
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


def warm_up(url, duration):
    """Every worker renders the page before it is measured: a short run at the same
    concurrency reaches them all (each keeps its own memory of the page, caching/memo.py),
    as a long-running server has."""
    # An error status is counted as non-2xx by the run itself.
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(url, timeout=10).read()
    subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{max(1, duration // 2)}s", url],
        check=True,
        capture_output=True,
    )
    # Workers finish what the warm-up left queued before the next run starts.
    time.sleep(1)


def flush_redis():
    subprocess.run(["redis-cli", "-n", REDIS_DB, "FLUSHDB"], check=True, stdout=subprocess.DEVNULL)


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


def paired_runs(urls, duration, rounds, master):
    """Page, static ceiling and raw ceiling alternately, so drift on a shared machine hits
    them alike. ``urls``: (page, static ceiling, raw ceiling)."""
    page_runs, static_runs, raw_runs = [], [], []
    for _round in range(rounds):
        static_runs.append(wrk(urls[1], duration))
        raw_runs.append(wrk(urls[2], duration))
        page_runs.append(measured_wrk(urls[0], duration, master))
    return median_run(page_runs), median_run(static_runs), median_run(raw_runs)


def raw_ceiling_pages(figures, folder):
    mapping = {quoted(url): figure["file"] for url, figure in figures.items() if figure["file"]}
    path = Path(folder) / "raw-pages.json"
    path.write_text(json.dumps(mapping))
    return path


def measure(duration, rounds):
    start_services()
    recreate_database(DATABASE)
    # A previous run's rendition cache would point at image files this run does not have.
    flush_redis()
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    capture_dir = tempfile.mkdtemp(prefix="bench-pages-")
    media_root = tempfile.mkdtemp(prefix="bench-media-")
    # No worker recycling during the run: its CPU time is read from /proc. The pages'
    # images are served by the app (a CDN's job in production) so a first visit's transfer
    # counts them.
    env = production_env(
        postgres_url(DATABASE),
        static_root,
        REDIS_URL=REDIS_URL,
        GUNICORN_MAX_REQUESTS="0",
        MEDIA_ROOT=media_root,
        SERVE_MEDIA="true",
    )
    try:
        seed(env)
        pages = discover_pages(env)
        figures = page_figures(env, pages, capture_dir)
        ceilings = write_ceiling_files(static_root, {f["html_bytes"] for f in figures.values()})
        raw_env = {**env, "RAW_WSGI_PAGES": str(raw_ceiling_pages(figures, capture_dir))}
        rows = []
        with gunicorn(raw_env, app="benchmarks.raw_wsgi:application", probe=quoted("/en/")) as raw:
            for cached in (True, False):
                flush_redis()
                server_env = {**env, "PAGE_CACHE_SECONDS": "600" if cached else "0"}
                started = []
                with gunicorn(server_env, started=started) as base:
                    for name, lang, url in page_urls(pages):
                        figure = figures[url]
                        if cached and "?" in url:
                            continue  # query strings are never cached: same as uncached
                        warm_up(base + quoted(url), duration)
                        urls = (
                            base + quoted(url),
                            base + ceilings[figure["html_bytes"]],
                            raw + quoted(url),
                        )
                        run, static, raw_run = paired_runs(urls, duration, rounds, started[0])
                        rows.append(
                            {
                                "page": name,
                                "lang": lang,
                                "mode": "cached" if cached else "uncached",
                                **run,
                                "ceiling_rps": static["rps"],
                                "ratio": run["rps"] / max(static["rps"], 0.01),
                                "raw_rps": raw_run["rps"],
                                "raw_ratio": run["rps"] / max(raw_run["rps"], 0.01),
                                **figure,
                                "transfer_bytes": transfer_bytes(
                                    base, url, figure["html_bytes"], figure["assets"]
                                ),
                            }
                        )
        return rows
    finally:
        for folder in (static_root, capture_dir, media_root):
            shutil.rmtree(folder, ignore_errors=True)


def table(rows):
    header = (
        "| page | lang | mode | req/s | raw WSGI req/s | ratio to raw | static req/s | "
        "ratio to static | p50 ms | p99 ms | worker CPU ms/req (wrk) | CPU ms/render "
        "(in-process) | SQL/request | Redis round trips | first render after publish "
        "(CPU ms / SQL) | non-2xx | HTML bytes | transfer bytes |\n"
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = []
    for r in rows:
        cached = r["mode"] == "cached"
        after = r.get("first_after_publish")
        first = f"{after['cpu_ms']:.1f} / {after['queries']}" if after and not cached else "–"
        lines.append(
            f"| {r['page']} | {r['lang']} | {r['mode']} | {r['rps']:.0f} | {r['raw_rps']:.0f} | "
            f"{r['raw_ratio']:.0%} | {r['ceiling_rps']:.0f} | {r['ratio']:.0%} | "
            f"{r['p50']:.1f} | {r['p99']:.1f} | {r['cpu_ms']:.2f} | "
            f"{r['hit_cpu_ms'] if cached else r['cpu_ms_render']:.2f} | "
            f"{r['hit_queries'] if cached else r['queries']} | "
            f"{r['hit_redis'] if cached else r['redis']} | {first} | "
            f"{r['non_2xx'] + r['socket_errors']} | {r['html_bytes']:,} | "
            f"{r['transfer_bytes']:,} |"
        )
    return header + "\n".join(lines) + "\n"


def verdicts(rows):
    cached = [r for r in rows if r["mode"] == "cached"]
    uncached = [r for r in rows if r["mode"] == "uncached" and r["page"] != "search"]
    return [
        f"- uncached pages (search aside) ≤ 6 ms worker CPU per request: "
        f"{sum(r['cpu_ms'] <= 6 for r in uncached)}/{len(uncached)} "
        f"(highest {max(r['cpu_ms'] for r in uncached):.1f} ms over wrk, "
        f"{max(r['cpu_ms_render'] for r in uncached):.1f} ms in-process)",
        f"- uncached p99 ≤ 150 ms: {sum(r['p99'] <= 150 for r in uncached)}/{len(uncached)}"
        f" (highest {max(r['p99'] for r in uncached):.1f} ms)",
        f"- cached pages at ≥ 60 % of the raw WSGI ceiling: "
        f"{sum(r['raw_ratio'] >= 0.6 for r in cached)}/{len(cached)} "
        f"(lowest {min(r['raw_ratio'] for r in cached):.0%})",
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
        "median run shown. Ceilings under the same gunicorn.conf.py and worker count: "
        "*raw WSGI* returns the page's bytes from memory (benchmarks/raw_wsgi.py), *static* "
        "is the site's server returning a static file of the page's size. Worker CPU ms/req "
        "(wrk) is the gunicorn workers' CPU (/proc) over the run divided by its requests; "
        "CPU ms/render is `process_time` in-process (Django test client, production "
        "settings), SQL and Redis round trips per request from the same pass. Search pages "
        "carry a query string, which the page cache never serves, so they have no cached "
        "row.\n\n"
        f"{table(rows)}\nTargets: {TARGETS}.\n\n" + "\n".join(verdicts(rows)) + "\n"
    )
    print(report)
    write_results(report)


if __name__ == "__main__":
    main()
