"""Search bandwidth: what a reader's browser downloads to answer a first query, at N posts.

For each N it generates the synthetic corpus of :mod:`corpus`, builds (a) the plansite site
(Pagefind) and (b) the floor, a bare MkDocs + Material site of the same posts with the
theme's own search, serves each from 127.0.0.1 and, in headless Chromium (Debian's
``/usr/bin/chromium``) with an empty cache, opens the home page, opens the search, types a
query and waits for the results and a quiet network. Reported for each side:

- **first query KB**: every response for the search itself (plansite: ``pagefind/``; the
  floor: ``search_index.json``, its worker and its ``lunr`` language files), as a gzip host
  sends it: text bodies compressed here at level 9, Pagefind's index files (gzip already)
  as they are;
- **responses**: how many requests that took;
- **index on disk**: the whole search bundle the build wrote (plansite: ``pagefind/``; the
  floor: ``search/search_index.json``), raw and per post.

    python benchmarks/search_bandwidth.py --sizes 100 1000 5000 --out benchmarks/RESULTS.md

With ``--out`` the report replaces the «Search bandwidth» section of that Markdown file (or
is added at its end); the rest of the file is kept.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import (  # the benchmark runs as a script, not as a package
    BUILD_EPOCH,
    DEFAULT_SEED,
    ROOT,
    generate_corpus,
    write_bare_project,
    write_plansite_project,
)

CHROMIUM = "/usr/bin/chromium"
QUERY = "совещание"
"""A word of the corpus vocabulary: many posts hold one of its forms."""
SECTION = "## Search bandwidth"
DEFAULT_OUT = Path(__file__).resolve().parent / "RESULTS.md"
KB = 1024
# Pagefind's chunks, filters, metadata and WebAssembly are gzip files already.
PRECOMPRESSED = re.compile(r"\.(pf_fragment|pf_index|pf_filter|pf_meta|pagefind)$")


PARTS = (
    ("code", re.compile(r"\.(js|pagefind)$|pagefind-entry\.json$")),
    ("metadata", re.compile(r"\.pf_meta$")),
    ("word index", re.compile(r"\.pf_index$")),
    ("results", re.compile(r"\.pf_fragment$")),
    ("filters", re.compile(r"\.pf_filter$")),
    ("whole index", re.compile(r"search_index\.json$")),
)
"""What each downloaded file is for, to show which part grows with N."""


@dataclass(frozen=True)
class Side:
    first_query_bytes: int
    responses: int
    index_bytes: int
    parts: dict[str, int]


@dataclass(frozen=True)
class Row:
    posts: int
    plansite: Side
    floor: Side


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(project: Path, site: Path) -> None:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(project / "hooks"), os.environ.get("PYTHONPATH")])
        ),
    }
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)


def is_search_request(url: str, plansite: bool) -> bool:
    path = urlsplit(url).path
    if plansite:
        return "/pagefind/" in path
    return path.endswith("search_index.json") or "/workers/search" in path or "/lunr/" in path


def wire_bytes(url: str, body: bytes) -> int:
    if PRECOMPRESSED.search(urlsplit(url).path):
        return len(body)
    return len(gzip.compress(body, 9))


def part_of(url: str) -> str:
    path = urlsplit(url).path
    return next((name for name, pattern in PARTS if pattern.search(path)), "other")


def first_query(browser, base_url: str, plansite: bool) -> tuple[int, int, dict[str, int]]:
    """Bytes and responses the search needed to show its first results, and bytes by part."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ru-RU")
    context.set_default_timeout(120_000)
    responses = []
    context.on("response", lambda response: responses.append(response))
    try:
        page = context.new_page()
        page.goto(base_url)
        page.wait_for_load_state("networkidle")
        page.locator("label.md-header__button[for='__search']").click()
        query = page.get_by_role("textbox", name="Поиск")
        query.press_sequentially(QUERY)
        # The theme's search reacts to keyup, which Playwright's Cyrillic text input lacks.
        query.press("End")
        item = page.locator(".md-search-result__item").first
        item.wait_for(state="visible")
        page.wait_for_load_state("networkidle")
        used = [r for r in responses if is_search_request(r.url, plansite)]
        parts: dict[str, int] = {}
        for response in used:
            part = part_of(response.url)
            parts[part] = parts.get(part, 0) + wire_bytes(response.url, response.body())
        return sum(parts.values()), len(used), parts
    finally:
        context.close()


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure(posts: int, seed: int, work: Path, browser, log) -> Row:
    corpus = generate_corpus(posts, seed)
    folder = work / f"n{posts}"
    sides = {}
    for name, writer in (("plansite", write_plansite_project), ("floor", write_bare_project)):
        project = writer(folder / name, corpus)
        site = folder / f"site-{name}"
        log(f"  N={posts}: building {name}")
        build(project, site)
        plansite = name == "plansite"
        index = (
            tree_bytes(site / "pagefind")
            if plansite
            else ((site / "search" / "search_index.json").stat().st_size)
        )
        with serve(site) as base_url:
            total, count, parts = first_query(browser, base_url, plansite)
        log(f"  N={posts} {name}: first query {total / KB:,.1f} KB in {count} responses")
        sides[name] = Side(total, count, index, parts)
    shutil.rmtree(folder)
    return Row(posts, sides["plansite"], sides["floor"])


def versions() -> str:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    return (
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
        f"Material {version('mkdocs-material')}, Pagefind {version('pagefind-bin')}, "
        f"{chromium.strip() or 'Chromium'}"
    )


def report(rows: list[Row], argv: list[str], started: datetime) -> str:
    header = (
        "| N | first query KB a / b | responses a / b | index on disk KB a / b "
        "| index bytes/post a / b |"
    )
    lines = [header, "|---:|---:|---:|---:|---:|"]
    for row in rows:
        a, b = row.plansite, row.floor
        lines.append(
            f"| {row.posts:,} | {a.first_query_bytes / KB:,.1f} / {b.first_query_bytes / KB:,.1f} "
            f"| {a.responses} / {b.responses} "
            f"| {a.index_bytes / KB:,.0f} / {b.index_bytes / KB:,.0f} "
            f"| {a.index_bytes / row.posts:,.0f} / {b.index_bytes / row.posts:,.0f} |"
        )
    names = [name for name, _ in PARTS if any(name in row.plansite.parts for row in rows)]
    by_part = [
        "| N | " + " | ".join(f"{name} KB" for name in names) + " |",
        "|---:|" + "---:|" * len(names),
    ]
    for row in rows:
        cells = [f"{row.plansite.parts.get(name, 0) / KB:,.1f}" for name in names]
        by_part.append(f"| {row.posts:,} | " + " | ".join(cells) + " |")
    return "\n".join(
        [
            SECTION,
            "",
            f"- Date: {started:%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores "
            f"({platform.machine()}, {platform.system()})",
            f"- {versions()}",
            f"- Command: `{shlex.join(['python', 'benchmarks/search_bandwidth.py', *argv])}`",
            "",
            f"a = plansite (Pagefind), b = the theme's own search (bare MkDocs + Material, "
            f"same posts). A phone-sized Chromium with an empty cache opens the home page, "
            f"opens the search and types «{QUERY}»; «first query» counts every search "
            "response until the results show and the network is quiet, as a gzip host sends "
            "it. «Index on disk» is the whole search bundle the build wrote, raw.",
            "",
            *lines,
            "",
            "The plansite first query by part: code (Pagefind's script, worker and "
            "WebAssembly, the same at any N), metadata (one entry per page), the word-index "
            "chunk holding the query's words, and the results' fragments (the first ten "
            "pages shown).",
            "",
            *by_part,
            "",
        ]
    )


def write_section(path: Path, section: str) -> None:
    """Replace this report's section of ``path`` (up to the next ``## ``), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start = text.find(SECTION)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section if text else section
    else:
        following = text.find("\n## ", start + len(SECTION))
        rest = text[following + 1 :] if following >= 0 else ""
        text = text[:start] + section + ("\n" + rest if rest else "")
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    parser.add_argument(
        "--out", default=str(DEFAULT_OUT), help="Markdown file to update ('-': only print)"
    )
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = datetime.now(timezone.utc)
    work = Path(tempfile.mkdtemp(prefix="plansite-search-bench-"))
    log(f"work folder {work}; project {ROOT}")
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            try:
                for size in args.sizes:
                    rows.append(measure(size, args.seed, work, browser, log))
            finally:
                browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(rows, argv, started)
    print(text)
    if args.out != "-":
        write_section(Path(args.out), text)
        log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
