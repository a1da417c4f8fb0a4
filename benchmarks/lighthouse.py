"""Lighthouse on a phone: performance, accessibility, best practices and SEO of the built site.

Builds the site (or takes a built one with ``--site``), serves it on 127.0.0.1 the way a
static host would (text compressed with gzip, a short cache lifetime), and runs the pinned
Lighthouse of ``benchmarks/package.json`` in Debian's Chromium, mobile form factor, on the home
page, the plan page and a post page. Each page is measured ``--runs`` times; the median score
of each category goes into ``benchmarks/LIGHTHOUSE.md`` with every audit that cost points.

    npm ci --prefix benchmarks          # once: the pinned Lighthouse into benchmarks/node_modules
    python benchmarks/lighthouse.py     # or: --site DIR --runs 5 --out FILE --reports DIR

Nothing leaves the machine: Chromium resolves no host name but 127.0.0.1 and runs without its
background services (updates, sync, safe browsing, metrics), and Lighthouse's error reporting
is off. Performance scores vary between runs, the more so on a busy machine (Lighthouse
slows the CPU down 4× on top of whatever else is running); the median of five is steadier.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "news", "overrides")
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
HOST = "127.0.0.1"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=OptimizationHints,Translate,MediaRouter,AutofillServerCommunication",
    "--metrics-recording-only",
    # Every host name but the local server's fails to resolve: no request can leave.
    f'--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE {HOST}"',
)
# What a static host compresses: text. Pictures and fonts are compressed already.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/rss+xml",
    "application/atom+xml",
)
CACHE_CONTROL = "max-age=600"  # GitHub Pages sends the same
METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
)


# --- The local static host -------------------------------------------------------------------


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like a static host: gzip for text, the site's 404 page, caching."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def send_head(self):  # type: ignore[override]  # the parent's signature, untyped
        path = Path(self.translate_path(self.path))
        request_path = unquote(urlsplit(self.path).path)
        if path.is_dir() and request_path.endswith("/"):
            path = path / "index.html"
        if path.is_dir():
            return super().send_head()  # the parent redirects to the address with a slash
        if not path.is_file():
            return self._not_found()
        content_type = self.guess_type(str(path))
        return self._send_file(path.read_bytes(), content_type, 200)

    def _not_found(self):  # type: ignore[no-untyped-def]
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            self.send_error(404)
            return None
        return self._send_file(page.read_bytes(), "text/html", 404)

    def _send_file(self, body: bytes, content_type: str, status: int) -> io.BytesIO:
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        self.send_response(status)
        if content_type.startswith("text/") and "charset" not in content_type:
            content_type += "; charset=utf-8"
        self.send_header("Content-Type", content_type)
        if content_type.startswith(COMPRESSIBLE):
            self.send_header("Vary", "Accept-Encoding")
            if accepts_gzip:
                body = gzip.compress(body, 6)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(StaticHost, directory=str(site))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="static-host", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --- The site --------------------------------------------------------------------------------


def build_site(workdir: Path, epoch: str | None) -> Path:
    """A fresh `mkdocs build --strict` of a copy of the project (the work tree is untouched)."""
    project = workdir / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, project / part)
    site = workdir / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if epoch:
        environment["SOURCE_DATE_EPOCH"] = epoch
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    print("building the site:", shlex.join(command), file=sys.stderr)
    subprocess.run(command, cwd=project, env=environment, check=True, timeout=600)
    return site


def post_path(site: Path) -> str:
    """The published post with the largest lead picture (the heaviest), else the newest."""
    posts = sorted(site.glob("news/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))
    if not posts:
        raise SystemExit(f"no published post in {site / 'news'}: pass --post")

    def lead_bytes(post: Path) -> int:
        html = post.read_text(encoding="utf-8")
        if "post-lead" not in html:
            return 0
        pictures = [p for p in post.parent.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES]
        return max((p.stat().st_size for p in pictures), default=0)

    chosen = max(reversed(posts), key=lead_bytes)
    return chosen.parent.relative_to(site).as_posix() + "/"


IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif"}


# --- Lighthouse ------------------------------------------------------------------------------


@dataclass
class PageResult:
    path: str
    runs: list[dict] = field(default_factory=list)

    def median(self, category: str) -> int:
        return round(
            statistics.median(run["categories"][category]["score"] * 100 for run in self.runs)
        )

    def median_run(self) -> dict:
        ranked = sorted(self.runs, key=lambda run: run["categories"]["performance"]["score"])
        return ranked[(len(ranked) - 1) // 2]

    def scores(self, category: str) -> list[int]:
        return [round(run["categories"][category]["score"] * 100) for run in self.runs]

    def metric(self, audit: str) -> str:
        values = [run["audits"][audit]["numericValue"] for run in self.runs]
        value = statistics.median(values)
        return f"{value:.3f}" if audit == "cumulative-layout-shift" else f"{value / 1000:.2f} s"


def lighthouse_command() -> list[str]:
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci --prefix benchmarks` first")
    # --no: the pinned copy in benchmarks/node_modules, never a download.
    return ["npx", "--no", "lighthouse"]


def lighthouse_version() -> str:
    package = HERE / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def run_lighthouse(url: str, output: Path) -> dict:
    command = [
        *lighthouse_command(),
        url,
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
        "--no-enable-error-reporting",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
    ]
    environment = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(
        command, cwd=HERE, env=environment, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0 or not output.exists():
        raise SystemExit(
            f"lighthouse failed on {url} ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise SystemExit(f"lighthouse could not load {url}: {report['runtimeError']}")
    return report


def lost_points(report: dict) -> dict[str, list[str]]:
    """Per category, the weighted audits that did not score full marks."""
    lost: dict[str, list[str]] = {}
    for category in CATEGORIES:
        entries = []
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            if ref["weight"] == 0 or score is None or score >= 1:
                continue
            shown = audit.get("displayValue", "")
            entries.append(
                f"`{ref['id']}` {audit['title']} (score {score:.2f}, weight {ref['weight']}"
                + (f", {shown}" if shown else "")
                + ")"
            )
        lost[category] = entries
    return lost


def diagnostics(report: dict) -> list[str]:
    """The performance audits of weight 0 (hints, not scored) that did not pass."""
    hints = []
    for ref in report["categories"]["performance"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        score = audit.get("score")
        if ref["weight"] or score is None or score >= 0.9:
            continue
        shown = audit.get("displayValue", "")
        hints.append(f"`{ref['id']}` {audit['title']}" + (f" ({shown})" if shown else ""))
    return hints


def chromium_version() -> str:
    try:
        result = subprocess.run(
            [str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=60
        )
        return result.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def node_version() -> str:
    return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()


# --- The record ------------------------------------------------------------------------------


def write_record(results: list[PageResult], out: Path, runs: int, built: str) -> None:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    indexes = [run["environment"]["benchmarkIndex"] for r in results for run in r.runs]
    bench = f"{min(indexes):.0f}–{max(indexes):.0f} over the runs"
    lines = [
        "# Lighthouse on a phone",
        "",
        "Written by `python benchmarks/lighthouse.py`; do not edit by hand. Target: every "
        f"category ≥ {TARGET} on the home, plan and post pages.",
        "",
        f"- Date: {now}",
        f"- Lighthouse {lighthouse_version()} (npm, pinned in `benchmarks/package.json`), "
        f"Node {node_version()}, {chromium_version()} (`{CHROMIUM}`)",
        f"- Machine: {platform.system()} {platform.machine()}, Python {platform.python_version()}",
        f"- Site: {built}",
        "- Mode: `--form-factor=mobile` (Lighthouse's emulated Moto G Power, simulated slow "
        "4G and 4× CPU slowdown), headless Chromium with "
        f"`--chrome-flags='{' '.join(CHROME_FLAGS)}'`",
        f"- Lighthouse's `benchmarkIndex` of this machine (higher is faster): {bench}",
        "- Host: a local static server on 127.0.0.1 that compresses text with gzip (level 6) "
        f"and sends `Cache-Control: {CACHE_CONTROL}`, like a typical static host",
        f"- Runs: {runs} per page; the table gives the median score "
        "(every run's score in brackets when they differ)",
        "",
        "| Page | Performance | Accessibility | Best practices | SEO |",
        "| --- | --- | --- | --- | --- |",
    ]
    for result in results:
        cells = []
        for category in CATEGORIES:
            median = result.median(category)
            each = result.scores(category)
            cell = f"**{median}**" if median < TARGET else str(median)
            if len(set(each)) > 1:
                cell += f" ({', '.join(map(str, each))})"
            cells.append(cell)
        lines.append(f"| `/{result.path}` | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Metrics (median)",
        "",
        "| Page | " + " | ".join(n for _, n in METRICS) + " |",
        "| --- |" + " --- |" * len(METRICS),
    ]
    for result in results:
        cells = [result.metric(audit) for audit, _ in METRICS]
        lines.append(f"| `/{result.path}` | " + " | ".join(cells) + " |")
    lines += ["", "## Audits that cost points (the run with the median performance score)", ""]
    for result in results:
        lost = lost_points(result.median_run())
        lines.append(f"### `/{result.path}`")
        lines.append("")
        if not any(lost.values()):
            lines.append("None: every weighted audit passed.")
        for category in CATEGORIES:
            for entry in lost[category]:
                lines.append(f"- {category}: {entry}")
        hints = diagnostics(result.median_run())
        if hints:
            lines += ["", "Unscored performance diagnostics that did not pass:", ""]
            lines += [f"- {hint}" for hint in hints]
        lines.append("")
    out.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


# --- Main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument(
        "--epoch",
        help="SOURCE_DATE_EPOCH for the build (default: now, so today's posts are published)",
    )
    parser.add_argument("--plan", default="plan/2019/", help="the plan page (default: %(default)s)")
    parser.add_argument("--post", help="the post page (default: the one with the largest picture)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page (default: 5)")
    parser.add_argument("--out", type=Path, default=HERE / "LIGHTHOUSE.md")
    parser.add_argument("--reports", type=Path, help="keep the JSON reports in this directory")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium, or set CHROME_PATH")

    with tempfile.TemporaryDirectory(prefix="plansite-lighthouse-") as tmp:
        workdir = Path(tmp)
        if args.site:
            site, built = args.site.resolve(), f"`{args.site}` as given"
        else:
            site = build_site(workdir, args.epoch)
            when = f"SOURCE_DATE_EPOCH={args.epoch}" if args.epoch else "the build date"
            built = f"built now with `mkdocs build --strict` ({when})"
        paths = ["", args.plan.strip("/") + "/", (args.post or post_path(site)).strip("/") + "/"]
        reports = args.reports or workdir / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        results = []
        with serve(site) as base:
            for path in paths:
                result = PageResult(path)
                for run in range(1, args.runs + 1):
                    name = (path.strip("/").replace("/", "_") or "home") + f".{run}.json"
                    print(f"lighthouse {base}{path} (run {run}/{args.runs})", file=sys.stderr)
                    result.runs.append(run_lighthouse(base + path, reports / name))
                scores = ", ".join(f"{c} {result.median(c)}" for c in CATEGORIES)
                print(f"  /{path}: {scores}", file=sys.stderr)
                results.append(result)
        write_record(results, args.out, args.runs, built)
    print(f"written: {args.out}", file=sys.stderr)
    failing = [r.path for r in results if any(r.median(c) < TARGET for c in CATEGORIES)]
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
