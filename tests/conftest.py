"""Shared fixtures: copies of the real project built with the real `mkdocs build --strict`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "news", "overrides")
BUILD_EPOCH = "1556668800"  # 2019-05-01 00:00 UTC: inside the plan year, for stable output


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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped content built once for all read-only tests."""
    build = run_mkdocs(copy_project(tmp_path_factory.mktemp("shipped")))
    assert build.returncode == 0, build.output
    return build
