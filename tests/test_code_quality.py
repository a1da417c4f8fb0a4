"""The linters and the type checker run with the tests, so CI refuses code they reject."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

CHECKS = {
    "ruff check": ["ruff", "check", "--no-cache", "."],
    "ruff format": ["ruff", "format", "--no-cache", "--check", "."],
    "mypy --strict": ["mypy", "--cache-dir", "{cache}"],  # files and strictness: pyproject.toml
}


@pytest.mark.parametrize("name", CHECKS)
def test_code_passes(name: str, tmp_path: Path) -> None:
    """Caches go to a temporary folder: the tests write nothing into the repository."""
    command = [sys.executable, "-m", *(part.format(cache=tmp_path) for part in CHECKS[name])]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}{result.stderr}"
