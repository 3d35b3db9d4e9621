"""Lighthouse scores (mobile preset) for home, strategic plan and cooperation, both languages.

    python3 -m tsinghua_med lighthouse

Installs npm's lighthouse 12.x from benchmarks/lighthouse/package-lock.json, seeds a
PostgreSQL database, serves it with gunicorn and the production settings on 127.0.0.1 and
runs lighthouse with Debian's chromium (CHROME_PATH=/usr/bin/chromium) on each page. Prints
the four category scores and writes them to benchmarks/RESULTS.md. Targets: performance
≥ 98; accessibility, best practices and SEO 100.
"""

import datetime
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks.page_speed import machine, write_results
from ops.local_stack import (
    gunicorn,
    postgres_url,
    production_env,
    recreate_database,
    seed,
    start_services,
)

HERE = Path(__file__).with_name("lighthouse")
DATABASE = "tsinghua_med_lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = [
    ("home", "/en/", "/zh-hans/"),
    ("strategic plan", "/en/strategic-plan/", "/zh-hans/zhanlue-guihua/"),
    (
        "news item",
        "/en/news/strategic-plan-now-online/",
        "/zh-hans/xinwen/zhanlue-guihua-shangxian/",
    ),
    ("cooperation", "/en/cooperation/", "/zh-hans/hezuo-yu-zhuanhua/"),
]
ATTEMPTS = 3  # lighthouse fails now and then on this chromium (NO_NAVSTART): retry


def install_lighthouse():
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    return HERE / "node_modules" / ".bin" / "lighthouse"


def scores(lighthouse, url, report_dir):
    report = Path(report_dir) / "report.json"
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    for _attempt in range(ATTEMPTS):
        result = subprocess.run(
            [
                str(lighthouse),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode == 0 and report.exists():
            data = json.loads(report.read_text())
            if not data.get("runtimeError"):
                return {
                    name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES
                }, failed_audits(data)
    raise RuntimeError(f"lighthouse failed {ATTEMPTS} times on {url}:\n{result.stderr[-2000:]}")


def failed_audits(data):
    """Audits that cost points, to say what to fix when a score is below target."""
    failing = set()
    for name in CATEGORIES:
        for ref in data["categories"][name]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 0.9:
                failing.add(ref["id"])
    return sorted(failing)


def main():
    lighthouse = install_lighthouse()
    start_services()
    recreate_database(DATABASE)
    static_root = tempfile.mkdtemp(prefix="lighthouse-static-")
    report_dir = tempfile.mkdtemp(prefix="lighthouse-report-")
    media_root = tempfile.mkdtemp(prefix="lighthouse-media-")
    # The pages' artwork must load as it would from the CDN: served by the app here.
    env = production_env(
        postgres_url(DATABASE), static_root, MEDIA_ROOT=media_root, SERVE_MEDIA="true"
    )
    rows = []
    try:
        seed(env)
        with gunicorn(env) as base:
            for name, en, zh in PAGES:
                for lang, path in (("en", en), ("zh-hans", zh)):
                    page_scores, failing = scores(lighthouse, base + path, report_dir)
                    rows.append((name, lang, page_scores, failing))
                    print(name, lang, page_scores, failing, flush=True)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(media_root, ignore_errors=True)
        shutil.rmtree(report_dir, ignore_errors=True)

    lines = [
        "## Lighthouse (mobile preset)\n",
        f"`python3 -m tsinghua_med lighthouse` on {datetime.date.today().isoformat()}, "
        f"{machine()}: lighthouse 12 (npm) with Debian's chromium against gunicorn "
        "(production settings) + PostgreSQL on loopback, page cache off (no Redis).\n",
        "| page | lang | performance | accessibility | best practices | SEO | audits below 0.9 |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for name, lang, page_scores, failing in rows:
        cells = " | ".join(str(page_scores[c]) for c in CATEGORIES)
        lines.append(f"| {name} | {lang} | {cells} | {', '.join(failing) or '—'} |")
    lines.append(
        "\nTargets: performance ≥ 98; accessibility, best practices and SEO 100. Met on "
        f"{sum(meets_targets(r[2]) for r in rows)}/{len(rows)} pages.\n"
    )
    report = "\n".join(lines) + "\n"
    print(report)
    write_results(report, section="lighthouse")


def meets_targets(page_scores):
    return page_scores["performance"] >= 98 and all(
        page_scores[c] == 100 for c in ("accessibility", "best-practices", "seo")
    )


if __name__ == "__main__":
    main()
