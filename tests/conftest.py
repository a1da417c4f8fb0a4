"""Shared fixtures: copies of the real project built with the real `mkdocs build --strict`.

Tests never write into the repository: builds, caches and edits happen in copies under
pytest's temporary directory, pytest's own cache is off (``-p no:cacheprovider`` in
pyproject.toml) and hypothesis keeps no example database. ``repository_untouched`` checks it.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from plansite.cli.main import run as run_plansite

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "news", "overrides")
BUILD_EPOCH = "1556668800"  # 2019-05-01 00:00 UTC: inside the plan year, for stable output

settings.register_profile("plansite", database=None)  # no .hypothesis/ in the repository
settings.load_profile("plansite")
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "plansite-hypothesis"))


PICTURES = {
    "png": (ROOT / "news" / "2019" / "lessons.png").read_bytes(),
    "jpg": bytes.fromhex(
        "ffd8ffe000104a46494600010100000100010000ffc00011080001000103011100021101031101ffd9"
    ),
    "gif": b"GIF89a"
    + bytes.fromhex("0100010080000000000000ffffff21f90401000000002c00000000010001000002024401003b"),
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>',
}
"""Small real pictures by type, for tests that need files beside a post (content is checked)."""


@dataclass
class Build:
    """The outcome of one `mkdocs build` of a project copy."""

    project: Path
    site: Path
    returncode: int
    output: str

    def page(self, url_path: str) -> str:
        """The HTML of a page by its site-relative URL (``plan/2019/``)."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")

    def file(self, path: str) -> bytes:
        return (self.site / path).read_bytes()


def copy_project(target: Path) -> Path:
    """A private copy of the shipped project that a test may change."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)
    (target / "news").mkdir(exist_ok=True)
    return target


def run_mkdocs(project: Path, *args: str, epoch: str = BUILD_EPOCH, **env: str) -> Build:
    """Run the real MkDocs command line on a project, as an editor would."""
    site = project / "site"
    environment = {
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "NO_MKDOCS_2_WARNING": "1",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


def _new_files() -> set[str] | None:
    """Files in the repository that git does not track (ignored ones included), bytecode
    and the virtual environment aside; None outside a git checkout. Changes to tracked
    files are left out: a developer may be editing while the tests run."""
    try:
        status = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "."],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {
        line[3:]
        for line in status.splitlines()
        if line[:2] in ("??", "!!") and "__pycache__" not in line and ".venv/" not in line
    }


@pytest.fixture(scope="session", autouse=True)
def repository_untouched() -> Iterator[None]:
    """Fail the run if any test wrote into the repository (a cache, a build, an edit)."""
    before = _new_files()
    yield
    after = _new_files()
    if before is None or after is None:
        return
    new = sorted(after - before)
    assert not new, "tests wrote into the repository:\n" + "\n".join(new)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped content built once for all read-only tests."""
    build = run_mkdocs(copy_project(tmp_path_factory.mktemp("shipped")))
    assert build.returncode == 0, build.output
    return build


@dataclass(frozen=True)
class Checked:
    """The outcome of ``plansite check`` on a project."""

    status: int
    problems: list[str]
    """The problem lines it printed (without the closing count)."""
    output: str


def run_check(project: Path, epoch: str = BUILD_EPOCH) -> Checked:
    """``plansite check`` through its real entry point, in this process (it is fast)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    environment = {"SOURCE_DATE_EPOCH": epoch}
    with (
        mock.patch.dict(os.environ, environment),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        status = run_plansite(["check", "--project", str(project)])
    lines = stdout.getvalue().splitlines()
    problems = lines[:-1] if status else []
    return Checked(status, problems, stdout.getvalue() + stderr.getvalue())


def build_errors(build: Build) -> list[str]:
    """The ``ERROR`` lines of a build's log, without the level prefix."""
    return [
        line.split("-  ", 1)[1] for line in build.output.splitlines() if line.startswith("ERROR")
    ]


def check_then_build(project: Path, epoch: str = BUILD_EPOCH) -> Build:
    """Run ``plansite check``, then the real build, and require that they agree: both pass,
    or both refuse the project with the same problem lines. The build is returned."""
    checked = run_check(project, epoch)
    build = run_mkdocs(project, epoch=epoch)
    assert "Traceback" not in checked.output + build.output, checked.output + build.output
    if checked.status == 0:
        assert build.returncode == 0, f"check passed, the build failed:\n{build.output}"
    else:
        assert checked.status == 1, checked.output
        assert build.returncode == 1, f"check failed, the build passed:\n{checked.output}"
        assert build_errors(build) == checked.problems, build.output
    return build
