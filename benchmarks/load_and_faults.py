"""Load and fault runs against gunicorn + PostgreSQL + Redis with the production settings.

    .venv/bin/python benchmarks/load_and_faults.py                  # 60 s, 32 connections
    .venv/bin/python benchmarks/load_and_faults.py --fault postgres # DB down mid-run
    .venv/bin/python benchmarks/load_and_faults.py --fault redis    # cache down mid-run

Each run gets its own throwaway PostgreSQL cluster and Redis server on free loopback ports
(so stopping them disturbs nobody else), seeds the site, starts gunicorn and sends GET
requests from N keep-alive connections for --duration seconds, to every page both
languages link to, plus uncached variants (a query string) and a 404.

With --fault, the server is stopped --fault-at seconds in (PostgreSQL: ``pg_ctl stop -m
immediate``, a crash; Redis: the process is killed) and started again --fault-seconds later
(always, in a finally). Just before the fault an editor publishes a change; after the run
the change must still be on the page and in the revision history.

An answer counts as an error unless it is 200/301/302/404, or, while PostgreSQL is down, the
bilingual 503 page with Retry-After. Connection failures and tracebacks are errors.
Loopback only; bounded by --duration.
"""

import argparse
import collections
import contextlib
import http.client
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ops.local_stack import free_port, gunicorn, manage, production_env, seed  # noqa: E402

PG_BIN = Path("/usr/lib/postgresql") / sorted(os.listdir("/usr/lib/postgresql"))[-1] / "bin"
OK_STATUSES = {200, 301, 302, 404}
OUTAGE_TEXTS = ("We’ll be back shortly".encode(), "网站暂时无法访问".encode())


def as_postgres(*command, **kwargs):
    # PostgreSQL refuses to run as root; the cluster belongs to the postgres user.
    return subprocess.run(  # noqa: S603 (fixed argument list)
        ["/usr/sbin/runuser", "-u", "postgres", "--", *map(str, command)], check=True, **kwargs
    )


class PrivatePostgres:
    """A throwaway cluster in a temporary directory, on its own port."""

    def __init__(self, workdir):
        self.data = workdir / "pgdata"
        self.socket_dir = workdir / "pgsocket"
        self.port = free_port()
        for path in (self.data, self.socket_dir):
            path.mkdir()
            shutil.chown(path, "postgres", "postgres")
        # The postgres user must reach its directories inside this root-owned one.
        os.chmod(workdir, 0o711)  # noqa: S103 (traverse only, no listing)
        as_postgres(PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres",
                    stdout=subprocess.DEVNULL)  # fmt: skip
        self.start()
        as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", self.port, "tsinghua_med")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/tsinghua_med"

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.socket_dir}"
        as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-o", options, "-l",
                    self.data / "server.log", "-w", "start", stdout=subprocess.DEVNULL)  # fmt: skip

    def stop(self, mode="fast"):
        as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop",
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.process = None
        self.start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (fixed argument list)
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(0.5)

    def stop(self, mode=None):
        self.process.kill()
        self.process.wait()


EDITOR_SAVES = """
from pages.models import StandardPage
page = StandardPage.objects.order_by("pk").first()
page.intro_en = "<p>{marker}</p>"
page.save_revision().publish()
print(page.url_path)
"""
MARKER_STILL_THERE = """
from wagtail.models import Revision
from pages.models import StandardPage
page = StandardPage.objects.order_by("pk").first()
assert "{marker}" in page.intro_en, "published change lost"
assert Revision.objects.filter(object_id=str(page.pk), content__icontains="{marker}").exists()
print(page.get_url())
"""


def discover(base):
    urls = {"/en/", "/zh-hans/"}
    for start in ("/en/", "/zh-hans/"):
        with urllib.request.urlopen(base + start, timeout=10) as response:  # noqa: S310 (loopback)
            html = response.read().decode()
        urls |= {u for u in re.findall(r'href="(/(?:en|zh-hans)/[^"#?]*)"', html)}
    urls = sorted(urls)
    # Query strings bypass the page cache: these always reach the database.
    return urls + [u + "?uncached=1" for u in urls] + ["/en/no-such-page/"]


class Load:
    def __init__(self, port, urls, connections, duration):
        self.port, self.urls = port, urls
        self.connections, self.duration = connections, duration
        self.results = []  # (seconds since start, latency, outcome, url)
        self.lock = threading.Lock()
        self.fault_window = (float("inf"), float("inf"))

    def classify(self, status, headers, body, at):
        if b"Traceback" in body:
            return "error:traceback"
        if status in OK_STATUSES:
            return "ok"
        if status == 503 and all(t in body for t in OUTAGE_TEXTS) and headers.get("Retry-After"):
            return "503-bilingual"
        return f"error:{status}"

    def worker(self, number, started):
        connection = None
        index = number
        while (now := time.monotonic() - started) < self.duration:
            url = self.urls[index % len(self.urls)]
            index += self.connections
            began = time.monotonic()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
                connection.request("GET", url, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                body = response.read()
                outcome = self.classify(response.status, response.headers, body, now)
                if response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as error:
                outcome = f"error:{type(error).__name__}"
                if connection:
                    connection.close()
                connection = None
            with self.lock:
                self.results.append((now, time.monotonic() - began, outcome, url))

    def run(self):
        started = time.monotonic()
        threads = [
            threading.Thread(target=self.worker, args=(n, started), daemon=True)
            for n in range(self.connections)
        ]
        for thread in threads:
            thread.start()
        return started, threads


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * fraction))] if values else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--fault", choices=["none", "postgres", "redis"], default="none")
    parser.add_argument("--fault-at", type=float, default=20)
    parser.add_argument("--fault-seconds", type=float, default=6)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tsinghua-load-"))
    postgres = redis = None
    try:
        postgres = PrivatePostgres(workdir)
        redis = PrivateRedis()
        env = production_env(
            postgres.url,
            workdir / "static",
            HOME=str(workdir),
            REDIS_URL=redis.url,
            MEDIA_ROOT=str(workdir / "media"),
            REQUEST_LOG_LEVEL="WARNING",
        )
        seed(env)
        with gunicorn(env, workers=args.workers) as base:
            port = int(base.rsplit(":", 1)[1])
            urls = discover(base)
            fault = {"postgres": postgres, "redis": redis}.get(args.fault)
            marker = f"Saved before the fault {secrets.token_hex(4)}"
            if args.fault == "postgres":
                manage("shell", "-c", EDITOR_SAVES.format(marker=marker), env=env)
            load = Load(port, urls, args.connections, args.duration)
            started, threads = load.run()
            down_at = up_at = None
            if fault:
                time.sleep(args.fault_at)
                try:
                    fault.stop(mode="immediate")
                    down_at = time.monotonic() - started
                    time.sleep(args.fault_seconds)
                finally:
                    fault.start()
                    up_at = time.monotonic() - started
            for thread in threads:
                thread.join()
            if args.fault == "postgres":
                manage("shell", "-c", MARKER_STILL_THERE.format(marker=marker), env=env)
                with urllib.request.urlopen(base + "/en/?after-fault=1", timeout=10) as r:  # noqa: S310
                    if r.status != 200:
                        raise SystemExit(f"not recovered: {r.status}")
            health = urllib.request.urlopen(base + "/healthz", timeout=10).read().decode()  # noqa: S310
        report(load, args, down_at, up_at, health)
    finally:
        for service in (redis, postgres):
            if service:
                with contextlib.suppress(Exception):
                    service.stop(mode="fast")
        shutil.rmtree(workdir, ignore_errors=True)


def report(load, args, down_at, up_at, health):
    outcomes = collections.Counter(outcome for _at, _lat, outcome, _url in load.results)
    total = len(load.results)
    errors = {k: v for k, v in outcomes.items() if k.startswith("error")}
    latencies = [lat for _at, lat, outcome, _url in load.results if outcome == "ok"]
    print(f"run: {args.duration:.0f} s, {args.connections} connections, fault: {args.fault}")
    print(f"requests: {total} ({total / args.duration:.0f}/s), outcomes: {dict(outcomes)}")
    print(f"errors: {sum(errors.values())} {errors or ''}")
    print(
        f"latency ok: p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms"
    )
    if down_at is not None:
        during = [r for r in load.results if down_at <= r[0] < up_at]
        uncached_after = [
            r[0] for r in load.results if r[0] >= up_at and "?" in r[3] and r[2] == "ok"
        ]
        first_ok = min(uncached_after) if uncached_after else None
        print(f"fault: down at {down_at:.1f} s for {up_at - down_at:.1f} s; while down: "
              f"{dict(collections.Counter(r[2] for r in during))}")  # fmt: skip
        if first_ok is not None:
            print(f"recovered: first uncached 200 {first_ok - up_at:.2f} s after restart")
        else:
            print("recovered: NO uncached 200 after restart")
        if args.fault == "postgres":
            print("editor's change published before the fault: still there after recovery")
    print(f"healthz after run: {health}")


if __name__ == "__main__":
    main()
