"""Profile one build of the synthetic corpus: where the time of a plansite build goes.

    python benchmarks/profile_build.py --posts 1000 --out /tmp/plansite-1000.prof
    python benchmarks/profile_build.py --posts 1000 --floor --out /tmp/floor-1000.prof

The build runs in a child process under ``cProfile`` with a CPU-time clock
(``time.process_time``), so the seconds it reports are the build's own even when the machine
is busy with other work (``python -m cProfile`` measures wall time, which on a shared machine
mostly measures the other processes). Profiling slows Python code about threefold; compare
the shares, and take absolute times from ``build_speed.py``. The top entries by cumulative
time are printed; the saved file opens with ``python -m pstats`` or snakeviz.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_speed import environment  # the benchmark runs as a script, not as a package

from corpus import DEFAULT_SEED, generate_corpus, write_bare_project, write_plansite_project

CHILD = """
import cProfile, runpy, sys, time
out, site = sys.argv[1], sys.argv[2]
sys.argv = ["mkdocs", "build", "-q", "-d", site]
profile = cProfile.Profile(time.process_time)
profile.enable()
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    if stop.code:
        raise
finally:
    profile.disable()
    profile.dump_stats(out)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--floor", action="store_true", help="profile the bare floor project")
    parser.add_argument("--out", type=Path, required=True, help="where to save the profile")
    parser.add_argument("--top", type=int, default=40, help="entries to print (40)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="plansite-profile-"))
    try:
        posts = generate_corpus(args.posts, args.seed)
        write = write_bare_project if args.floor else write_plansite_project
        project = write(work / "project", posts)
        subprocess.run(
            [sys.executable, "-c", CHILD, str(args.out.resolve()), str(work / "site")],
            cwd=project,
            env=environment(project),
            check=True,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    import pstats

    stats = pstats.Stats(str(args.out))
    stats.strip_dirs().sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
