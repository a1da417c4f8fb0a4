"""Golden outputs: committed copies of a few generated files, compared after each build.

The shipped content is built once (``shipped_build``); the main content of the plan page,
one month page and one post page, and the whole ``rss.xml``, ``calendar.ics`` and
``plan.csv`` must equal their copies in ``tests/golden/``. A change to what the site
publishes then shows up as a diff to review. After a deliberate change, regenerate the
copies and review them with ``git diff``::

    PLANSITE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from conftest import Build

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("PLANSITE_UPDATE_GOLDEN") == "1"
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">.*?</article>', re.DOTALL)
"""The page's own content, without the theme's header, navigation and footer."""

PAGES = {
    "plan-2019.html": "plan/2019/",
    "calendar-2019-04.html": "calendar/2019/04/",
    "post-tematicheskie-uroki.html": "news/2019/04/tematicheskie-uroki/",
}
FILES = {
    "rss.xml": "rss.xml",
    "calendar.ics": "calendar.ics",
    "plan-2019.csv": "plan/2019/plan.csv",
}


def main_content(build: Build, url_path: str) -> bytes:
    match = ARTICLE.search(build.page(url_path))
    assert match, f"{url_path}: no <article> in the page"
    return (match.group(0) + "\n").encode("utf-8")


def compare(name: str, actual: bytes) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(actual)
        return
    if not golden.exists():
        pytest.fail(f"{golden.name} is missing: run PLANSITE_UPDATE_GOLDEN=1 pytest {__file__}")
    expected = golden.read_bytes()
    if actual == expected:
        return
    diff = difflib.unified_diff(
        expected.decode("utf-8").splitlines(keepends=True),
        actual.decode("utf-8").splitlines(keepends=True),
        fromfile=f"tests/golden/{name}",
        tofile=f"{name} (this build)",
    )
    pytest.fail(
        "the output differs from its golden copy; if the change is intended, run "
        "PLANSITE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py and review git diff\n"
        + "".join(diff),
        pytrace=False,
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_content_is_golden(shipped_build: Build, name: str) -> None:
    compare(name, main_content(shipped_build, PAGES[name]))


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_is_golden(shipped_build: Build, name: str) -> None:
    compare(name, shipped_build.file(FILES[name]))


@pytest.mark.skipif(UPDATE, reason="would write the changed copy")
def test_a_changed_output_shows_as_a_unified_diff() -> None:
    """What a reviewer sees when an output changes: the changed line, in context."""
    golden = (GOLDEN / "plan-2019.csv").read_bytes()
    changed = golden.replace(b"thematic-lessons", b"thematic-lessonz", 1)
    with pytest.raises(pytest.fail.Exception) as failure:
        compare("plan-2019.csv", changed)
    lines = str(failure.value).splitlines()
    start = lines.index("--- tests/golden/plan-2019.csv")
    assert lines[start + 1] == "+++ plan-2019.csv (this build)"
    assert lines[start + 2].startswith("@@ ")
    removed = [line for line in lines if line.startswith("-") and "thematic-lessons" in line]
    added = [line for line in lines if line.startswith("+") and "thematic-lessonz" in line]
    assert len(removed) == len(added) == 1
    assert removed[0][1:].replace("thematic-lessons", "thematic-lessonz") == added[0][1:]
