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
    plansite: Measurement
    floor: Measurement
    check: Measurement
    check_label: str


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


def measure(posts: int, runs: int, seed: int, work: Path, log) -> Row:
    corpus = generate_corpus(posts, seed)
    folder = work / f"n{posts}"
    real = write_plansite_project(folder / "plansite", corpus)
    bare = write_bare_project(folder / "floor", corpus)
    plansite, floor = Measurement(), Measurement()
    sites = {"a": folder / "site-a", "b": folder / "site-b"}
    for number in range(runs):
        order = ("a", "b") if number % 2 == 0 else ("b", "a")
        for which in order:
            project, result = (real, plansite) if which == "a" else (bare, floor)
            run = build(project, sites[which])
            result.runs.append(run)
            log(
                f"  N={posts} run {number + 1}/{runs} {which}: {run.wall:.2f} s wall, "
                f"{run.cpu:.2f} s CPU, {run.peak_rss / MB:.0f} MB"
            )
            for line in warnings_in(run)[:5]:
                log(f"    {line}")
    found = published_posts(sites["a"])
    if found != posts:
        raise BenchmarkError(f"N={posts}: the plansite site has {found} post pages, not {posts}")
    for result, site in ((plansite, sites["a"]), (floor, sites["b"])):
        result.site_bytes = tree_bytes(site)
        result.index_bytes = search_index_bytes(site)
    command, label = check_command()
    check = Measurement()
    for _ in range(runs):
        check.runs.append(timed(command, real, environment(real)))
    log(f"  N={posts} {label}: {check.wall:.2f} s ({check.runs[-1].output.strip()[:120]})")
    shutil.rmtree(folder)
    return Row(posts, plansite, floor, check, label)


# --- reporting -------------------------------------------------------------------------------

HEADER = (
    "| N | a median s | b median s | a/b | a CPU s | b CPU s | a/b CPU | a peak MB | b peak MB "
    "| site MB a / b | search index KB a / b | index bytes/post a / b | check s (CPU) |"
)


def table(rows: list[Row]) -> str:
    lines = [HEADER, "|" + "---:|" * HEADER.count(" | ") + "---:|"]
    for row in rows:
        a, b = row.plansite, row.floor
        lines.append(
            f"| {row.posts:,} | {a.wall:.2f} | {b.wall:.2f} | {a.wall / b.wall:.2f} "
            f"| {a.cpu:.2f} | {b.cpu:.2f} | {a.cpu / b.cpu:.2f} "
            f"| {a.peak_rss / MB:.0f} | {b.peak_rss / MB:.0f} "
            f"| {a.site_bytes / MB:.1f} / {b.site_bytes / MB:.1f} "
            f"| {a.index_bytes / 1024:,.0f} / {b.index_bytes / 1024:,.0f} "
            f"| {a.index_bytes / row.posts:,.0f} / {b.index_bytes / row.posts:,.0f} "
            f"| {row.check.wall:.2f} ({row.check.cpu:.2f}) |"
        )
    return "\n".join(lines)


def scaling(rows: list[Row]) -> str:
    """Per-post cost at each N and between consecutive N: flat numbers mean linear time."""
    lines = []
    for row in rows:
        a, b = row.plansite, row.floor
        lines.append(
            f"- N = {row.posts:,}: a {1000 * a.cpu / row.posts:.1f} ms CPU/post, "
            f"b {1000 * b.cpu / row.posts:.1f} ms CPU/post; "
            f"wall runs a: {', '.join(f'{r.wall:.2f}' for r in a.runs)}; "
            f"b: {', '.join(f'{r.wall:.2f}' for r in b.runs)}; "
            f"{row.check_label}: {', '.join(f'{r.wall:.2f}' for r in row.check.runs)} s"
        )
    for low, high in itertools.pairwise(rows):
        added = high.posts - low.posts
        lines.append(
            f"- {low.posts:,} → {high.posts:,}: each added post costs "
            f"a {1000 * (high.plansite.cpu - low.plansite.cpu) / added:.1f} ms CPU, "
            f"b {1000 * (high.floor.cpu - low.floor.cpu) / added:.1f} ms CPU"
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
            "a = plansite (real project, hooks), b = floor (bare MkDocs + Material, same posts). "
            "Times are medians; peak MB is the largest RSS of any run of that build.",
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
            rows.append(measure(size, args.runs, args.seed, work, log))
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
