"""Build speed of plansite against its floor, a bare MkDocs + Material site of the same posts.

For each N it generates the synthetic corpus of :mod:`corpus` (deterministic) and builds, side
by side, in alternating order:

(a) the full plansite site: a copy of the real project with the corpus as ``news/``;
(b) the floor: the same posts as plain pages of a bare MkDocs + Material project, no hooks.

Each build is ``python -m mkdocs build -q -d SITE`` in its own process, with
``SOURCE_DATE_EPOCH`` after every post and ``NO_MKDOCS_2_WARNING=1``. Reported: the median
wall time, the median CPU time (user + system of the build process: steadier than wall time
when the machine is shared), the peak RSS of each build, the size of the output and of the
search index readers download, the ratio a/b and the time of ``plansite check``.

    python benchmarks/build_speed.py --sizes 100 1000 5000 --runs 3 --out benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from preview import serve_latency

from corpus import (  # the benchmark runs as a script, not as a package
    BUILD_EPOCH,
    DEFAULT_SEED,
    ROOT,
    generate_corpus,
    write_bare_project,
    write_plansite_project,
)

THEME_SEARCH_INDEX = Path("search", "search_index.json")
PAGEFIND_BUNDLE = Path("pagefind")
DEFAULT_OUT = Path(__file__).resolve().parent / "RESULTS.md"
BUILD_TIMEOUT = 3600
CHECK_STAND_IN = (
    "from pathlib import Path; "
    "from plansite.site import build_time_from_env, load_sources; "
    "load_sources(Path('.'), build_time_from_env())"
)
MB = 1024 * 1024
BIG = 5000


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    """User + system seconds of the process (and of any children it waited for)."""
    peak_rss: int
    """Bytes."""
    output: str


@dataclass
class Measurement:
    runs: list[Run] = field(default_factory=list)
    site_bytes: int = 0
    index_bytes: int = 0

    @property
    def wall(self) -> float:
        return statistics.median(run.wall for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def peak_rss(self) -> int:
        return max(run.peak_rss for run in self.runs)


@dataclass
class Row:
    posts: int
    floor: Measurement
    clean: Measurement
    """plansite with empty caches (``.cache/`` removed before each run)."""
    warm: Measurement
    """plansite again, nothing changed."""
    edited: Measurement
    """plansite after one post's body was edited."""
    check_cold: Measurement
    check_warm: Measurement
    check_label: str
    preview_first: float | None = None
    preview: list[float] = field(default_factory=list)
    """Seconds from saving an edited post to ``plansite serve`` serving its page."""

    @property
    def peak_rss(self) -> int:
        return max(m.peak_rss for m in (self.clean, self.warm, self.edited))


class BenchmarkError(Exception):
    pass


# --- running ---------------------------------------------------------------------------------


def environment(project: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PLANSITE_SITE_URL", None)
    env.update(
        SOURCE_DATE_EPOCH=BUILD_EPOCH,
        NO_MKDOCS_2_WARNING="1",
        # The hooks of the copy, not whatever copy of plansite the virtualenv points at.
        PYTHONPATH=os.pathsep.join(filter(None, [str(project / "hooks"), env.get("PYTHONPATH")])),
    )
    return env


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``command`` once: wall time, CPU time and peak RSS of that one process."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise BenchmarkError(
            f"{shlex.join(command)} (in {cwd}) exited with {process.returncode}:\n{output}"
        )
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, output)


def build(project: Path, site: Path) -> Run:
    if site.exists():
        shutil.rmtree(site)  # outside the timed part: MkDocs would otherwise empty it
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    return timed(command, project, environment(project))


def check_command() -> tuple[list[str], str]:
    """``plansite check`` when the command exists, else the loading it does, timed alone."""
    script = Path(sys.executable).with_name("plansite")
    candidates = [str(script)] if script.exists() else []
    candidates += [found] if (found := shutil.which("plansite")) else []
    for candidate in candidates:
        probe = subprocess.run(
            [candidate, "check", "--help"], capture_output=True, text=True, timeout=60
        )
        if probe.returncode == 0:
            return [candidate, "check", "--project", "."], "plansite check"
    return [sys.executable, "-c", CHECK_STAND_IN], "load_sources() (stand-in: no plansite check)"


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def search_index_bytes(site: Path) -> int:
    """plansite: the whole Pagefind bundle (a browser fetches only a few of its chunks, see
    search_bandwidth.py); the floor: the theme's index, which a browser fetches whole."""
    if (site / PAGEFIND_BUNDLE).is_dir():
        return tree_bytes(site / PAGEFIND_BUNDLE)
    return (site / THEME_SEARCH_INDEX).stat().st_size


def published_posts(site: Path) -> int:
    """Post pages in a plansite site: ``news/YYYY/MM/slug/index.html``."""
    return sum(1 for _ in site.glob("news/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))


def warnings_in(run: Run) -> list[str]:
    return [line for line in run.output.splitlines() if "WARNING" in line or "ERROR" in line]


def measure(posts: int, runs: int, seed: int, work: Path, log, preview_edits: int) -> Row:
    corpus = generate_corpus(posts, seed)
    folder = work / f"n{posts}"
    real = write_plansite_project(folder / "plansite", corpus)
    bare = write_bare_project(folder / "floor", corpus)
    row = Row(posts, *(Measurement() for _ in range(6)), check_label="")
    sites = {"a": folder / "site-a", "b": folder / "site-b"}
    edited_post = real / corpus[len(corpus) // 2].source

    def record(name: str, result: Measurement, run: Run) -> None:
        result.runs.append(run)
        log(
            f"  N={posts} {name}: {run.wall:.2f} s wall, {run.cpu:.2f} s CPU, "
            f"{run.peak_rss / MB:.0f} MB"
        )
        for line in warnings_in(run)[:5]:
            log(f"    {line}")

    def plansite_builds(number: int) -> None:
        shutil.rmtree(real / ".cache", ignore_errors=True)
        record(f"run {number} a clean", row.clean, build(real, sites["a"]))
        record(f"run {number} a warm", row.warm, build(real, sites["a"]))
        with edited_post.open("a", encoding="utf-8") as file:
            file.write(f"\nДополнение {number}.\n")
        record(f"run {number} a one post edited", row.edited, build(real, sites["a"]))

    for number in range(1, runs + 1):
        if number % 2:
            plansite_builds(number)
            record(f"run {number} b floor", row.floor, build(bare, sites["b"]))
        else:
            record(f"run {number} b floor", row.floor, build(bare, sites["b"]))
            plansite_builds(number)
    found = published_posts(sites["a"])
    if found != posts:
        raise BenchmarkError(f"N={posts}: the plansite site has {found} post pages, not {posts}")
    for result, site in ((row.clean, sites["a"]), (row.floor, sites["b"])):
        result.site_bytes = tree_bytes(site)
        result.index_bytes = search_index_bytes(site)
    command, row.check_label = check_command()
    for number in range(1, runs + 1):
        shutil.rmtree(real / ".cache", ignore_errors=True)
        record(f"check cold {number}", row.check_cold, timed(command, real, environment(real)))
        record(f"check warm {number}", row.check_warm, timed(command, real, environment(real)))
    if preview_edits:
        row.preview_first, row.preview = serve_latency(real, corpus[-1], preview_edits)
        log(f"  N={posts} preview: first {row.preview_first:.1f} s, saves {row.preview}")
    shutil.rmtree(folder)
    return row


# --- reporting -------------------------------------------------------------------------------

HEADER = (
    "| N | floor s | clean s | clean / floor | warm s | warm / floor | one post edited s "
    "| edited / floor | check cold s | check cold / clean | check warm s | save → served s "
    "| peak MB | floor peak MB |"
)
CPU_HEADER = (
    "| N | floor CPU s | clean CPU / floor | warm CPU / floor | edited CPU / floor "
    "| check cold CPU / clean | site MB a / b | search index KB a / b |"
)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def table(rows: list[Row]) -> str:
    lines = [HEADER, "|" + "---:|" * (HEADER.count(" | ") + 1)]
    for row in rows:
        floor, clean = row.floor.wall, row.clean.wall
        preview = f"{statistics.median(row.preview):.1f}" if row.preview else "–"
        lines.append(
            f"| {row.posts:,} | {floor:.2f} | {clean:.2f} | {_ratio(clean, floor)} "
            f"| {row.warm.wall:.2f} | {_ratio(row.warm.wall, floor)} "
            f"| {row.edited.wall:.2f} | {_ratio(row.edited.wall, floor)} "
            f"| {row.check_cold.wall:.2f} | {_ratio(row.check_cold.wall, clean)} "
            f"| {row.check_warm.wall:.2f} | {preview} "
            f"| {row.peak_rss / MB:.0f} | {row.floor.peak_rss / MB:.0f} |"
        )
    lines += ["", CPU_HEADER, "|" + "---:|" * (CPU_HEADER.count(" | ") + 1)]
    for row in rows:
        floor, clean = row.floor.cpu, row.clean.cpu
        lines.append(
            f"| {row.posts:,} | {floor:.2f} | {_ratio(clean, floor)} "
            f"| {_ratio(row.warm.cpu, floor)} | {_ratio(row.edited.cpu, floor)} "
            f"| {_ratio(row.check_cold.cpu, clean)} "
            f"| {row.clean.site_bytes / MB:.1f} / {row.floor.site_bytes / MB:.1f} "
            f"| {row.clean.index_bytes / 1024:,.0f} / {row.floor.index_bytes / 1024:,.0f} |"
        )
    return "\n".join(lines)


def scaling(rows: list[Row]) -> str:
    """Every run, and the per-post cost at each N: flat numbers mean linear time."""
    lines = []
    for row in rows:
        runs = "; ".join(
            f"{name}: {', '.join(f'{r.wall:.2f}' for r in m.runs)}"
            for name, m in (
                ("floor", row.floor),
                ("clean", row.clean),
                ("warm", row.warm),
                ("edited", row.edited),
                ("check cold", row.check_cold),
                ("check warm", row.check_warm),
            )
        )
        preview = ""
        if row.preview_first is not None:
            saves = ", ".join(f"{delay:.1f}" for delay in row.preview)
            preview = f"; serve: first page {row.preview_first:.1f} s, saves {saves} s"
        lines.append(
            f"- N = {row.posts:,}: clean {1000 * row.clean.cpu / row.posts:.1f} ms CPU/post, "
            f"floor {1000 * row.floor.cpu / row.posts:.1f} ms CPU/post; wall runs {runs}{preview}"
        )
    for low, high in itertools.pairwise(rows):
        added = high.posts - low.posts
        lines.append(
            f"- {low.posts:,} → {high.posts:,}: each added post costs "
            f"clean {1000 * (high.clean.cpu - low.clean.cpu) / added:.1f} ms CPU, "
            f"warm {1000 * (high.warm.cpu - low.warm.cpu) / added:.1f} ms CPU, "
            f"floor {1000 * (high.floor.cpu - low.floor.cpu) / added:.1f} ms CPU"
        )
    return "\n".join(lines)


def versions() -> str:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return (
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
        f"Material {version('mkdocs-material')}, Markdown {version('markdown')}"
    )


def report(rows: list[Row], argv: list[str], started: datetime, load: str) -> str:
    labels = sorted({row.check_label for row in rows})
    return "\n".join(
        [
            "# plansite build speed",
            "",
            f"- Date: {started:%Y-%m-%d %H:%M} UTC",
            f"- Machine: {os.cpu_count()} cores ({platform.machine()}, {platform.system()}); "
            f"load average at start: {load}",
            f"- {versions()}",
            f"- Command: `{shlex.join(['python', 'benchmarks/build_speed.py', *argv])}`",
            f"- check column: {'; '.join(labels)}",
            "",
            "floor = bare MkDocs + Material building the same posts; clean = plansite with "
            "empty caches; warm = plansite again with nothing changed; one post edited = "
            "plansite after one post's body changed; check cold / warm = `plansite check` "
            "without / with `.cache/`; save → served = median over saves of an edited post "
            "until `plansite serve` serves it (HTTP). Times are wall-time medians of the runs, "
            "all measured side by side in this one run; peak MB is the largest RSS of any "
            "plansite build. The second table has the same ratios in CPU time (user + system), "
            "steadier on a shared machine.",
            "",
            table(rows),
            "",
            scaling(rows),
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 1000, 5000], help="post counts N"
    )
    parser.add_argument("--runs", type=int, default=3, help="builds of each site per size")
    parser.add_argument(
        "--big-runs", type=int, default=0, help=f"runs for N >= {BIG:,} (default: --runs)"
    )
    parser.add_argument(
        "--preview-edits", type=int, default=2, help="saves timed through plansite serve (0: none)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    parser.add_argument(
        "--out",
        default=str(DEFAULT_OUT),
        help="also write the report here, Markdown (benchmarks/RESULTS.md; '-': don't)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    if args.runs < 1 or any(size < 1 for size in args.sizes):
        parser.error("--runs and --sizes must be positive")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = datetime.now(timezone.utc)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    work = Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    log(f"work folder {work}; project {ROOT}")
    rows = []
    try:
        for size in args.sizes:
            runs = args.big_runs if size >= BIG and args.big_runs else args.runs
            rows.append(measure(size, runs, args.seed, work, log, args.preview_edits))
    except BenchmarkError as error:
        log(f"benchmark failed: {error}")
        return 1
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = report(rows, argv, started, load)
    print(text)
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")
        log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
