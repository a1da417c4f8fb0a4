"""How long `mkdocs serve` takes to show a saved post, on a synthetic corpus.

Starts `plansite serve` on a plansite project of N generated posts, waits for the first
build, then edits one post's title several times; each time it polls the post's page until
the new title is served, and reports the median delay from save to served page. Uses only
the standard library; run from the repository root:

    python benchmarks/preview.py --posts 1000 --edits 3
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import BUILD_EPOCH, CorpusPost, generate_corpus, write_plansite_project
from plansite.urls import post_slug

TIMEOUT_SECONDS = 600


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, deadline: float) -> float:
    """Seconds until ``url`` serves a page containing ``text``."""
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(0.1)
    raise TimeoutError(f"{url} never showed {text!r}")


def measure(posts: int, edits: int) -> list[float]:
    corpus = generate_corpus(posts)
    with tempfile.TemporaryDirectory() as work:
        project = write_plansite_project(Path(work) / "project", corpus)
        _first, delays = serve_latency(project, corpus[-1], edits)
        return delays


def serve_latency(project: Path, target: CorpusPost, edits: int) -> tuple[float, list[float]]:
    """Seconds until ``plansite serve`` first serves ``target``'s page, and after each save of
    an edited title until the page with the new title is served (a real HTTP client)."""
    path = project / target.source
    url_path = _url_path(target.front_matter, target.source)
    port = free_port()
    environment = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "plansite.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page_url = f"http://127.0.0.1:{port}/{url_path}"
        first = wait_for(page_url, "<html", time.perf_counter() + TIMEOUT_SECONDS)
        print(f"first build served after {first:.1f} s", file=sys.stderr)
        delays = []
        for number in range(1, edits + 1):
            marker = f"Правка {number}"
            text = path.read_text(encoding="utf-8")
            edited = text.replace('title: "', f'title: "{marker} ', 1)  # titles are quoted
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            path.write_text(edited, encoding="utf-8")
            delay = wait_for(page_url, marker, time.perf_counter() + TIMEOUT_SECONDS)
            print(f"edit {number}: served after {delay:.1f} s", file=sys.stderr)
            delays.append(delay)
        return first, delays
    finally:
        server.terminate()
        server.wait(timeout=30)


def _url_path(front_matter: str, source: str) -> str:
    """The post's URL: news/YYYY/MM/<slug>/ from its date and file name."""
    date_line = next(line for line in front_matter.splitlines() if line.startswith("date:"))
    year, month = date_line.split(":", 1)[1].strip().strip("'\"")[:7].split("-")
    return f"news/{year}/{month}/{post_slug(source)}/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    delays = measure(args.posts, args.edits)
    print(
        f"N = {args.posts}: save → served page, median {statistics.median(delays):.1f} s "
        f"(min {min(delays):.1f}, max {max(delays):.1f}, {len(delays)} edits) on "
        f"{os.cpu_count()} cores"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
