"""The search index readers download: every post and plan page, no listings, plain UTF-8."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Build


def index_of(build: Build) -> tuple[bytes, dict]:
    raw = build.file("search/search_index.json")
    return raw, json.loads(raw)


def pages_in(index: dict) -> set[str]:
    return {doc["location"].split("#")[0] for doc in index["docs"]}


def test_every_published_post_and_plan_page_is_searchable(shipped_build: Build) -> None:
    _, index = index_of(shipped_build)
    pages = pages_in(index)
    posts = {
        str(path.parent.relative_to(shipped_build.site)) + "/"
        for path in Path(shipped_build.site, "news").glob("[0-9]*/[0-9]*/*/index.html")
    }
    assert posts, "the shipped build publishes posts"
    assert posts <= pages
    activities = {
        str(path.parent.relative_to(shipped_build.site)) + "/"
        for path in Path(shipped_build.site, "plan", "2019").glob("*/index.html")
        if path.parent.name != "report"
    }
    assert activities <= pages


def test_listing_pages_are_left_out(shipped_build: Build) -> None:
    pages = pages_in(index_of(shipped_build)[1])
    listings = [
        page
        for page in pages
        if page.startswith(("news/category/", "news/tag/", "news/page/", "calendar/"))
        or page in {"news/", "news/2019/", "municipalities/", "plan/2019/report/"}
    ]
    assert listings == []


def test_index_is_plain_utf8_without_escapes(shipped_build: Build) -> None:
    raw, index = index_of(shipped_build)
    assert b"\\u04" not in raw  # Cyrillic is stored as UTF-8, not as \\uXXXX escapes
    assert "Олимпиада" in raw.decode("utf-8")
    assert index["config"]["lang"] == ["ru"]
