"""The search index the build writes: which pages are in it, and what each result says.

Read straight from the index files (see pagefind_index.py), as the browser's search does;
test_browser_search.py asks it questions in Chromium.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import cbor2
import pytest

from conftest import Build
from pagefind_index import indexed_pages, read_chunk
from plansite.render.search_index import index_site

KIND, CATEGORY, MUNICIPALITY, YEAR = "Вид", "Рубрика", "Муниципалитет", "Год"
UNUSED_BUNDLES = ("pagefind-ui.js", "pagefind-component-ui.js", "pagefind-modular-ui.js")


@pytest.fixture(scope="module")
def index(shipped_build: Build) -> dict[str, dict[str, Any]]:
    return indexed_pages(shipped_build.site)


def published_posts(site: Path) -> set[str]:
    return {
        path.parent.relative_to(site).as_posix() + "/"
        for path in site.glob("news/[0-9]*/[0-9]*/*/index.html")
    }


def test_every_kind_of_page_is_searchable(shipped_build: Build, index: dict) -> None:
    site = shipped_build.site
    activities = {
        f"plan/2019/{path.parent.name}/"
        for path in (site / "plan" / "2019").glob("*/index.html")
        if path.parent.name != "report"
    }
    months = {f"calendar/2019/{month:02d}/" for month in range(1, 13)}
    municipalities = {
        path.parent.relative_to(site).as_posix() + "/"
        for path in (site / "municipalities").glob("*/index.html")
    }
    posts = published_posts(site)
    assert posts and activities and municipalities
    expected = {
        **dict.fromkeys(posts, "новость"),
        **dict.fromkeys(activities, "мероприятие плана"),
        **dict.fromkeys(months, "месяц"),
        **dict.fromkeys(municipalities, "муниципалитет"),
        "plan/2019/": "план работы",
        "plan/2019/report/": "выполнение плана",
        "calendar/2019/": "календарь",
        "press/": "для СМИ",
        "glossary/": "сокращения",
        "about/": "страница",
    }
    kinds = {url: page["meta"].get("kind") for url, page in index.items()}
    missing = sorted(set(expected) - set(kinds))
    assert not missing, f"pages missing from the search index: {missing}"
    wrong = {url: kinds[url] for url in expected if kinds[url] != expected[url]}
    assert not wrong, f"pages shown as the wrong kind (expected {expected}): {wrong}"


def test_listings_are_left_out(index: dict) -> None:
    listings = sorted(
        url
        for url in index
        if url.startswith(("news/category/", "news/tag/", "news/page/"))
        or url in {"", "news/", "news/2019/", "municipalities/"}
    )
    assert listings == [], "listings only repeat the posts they list"


def test_a_post_shows_its_date_and_has_its_filters(index: dict) -> None:
    lessons = index["news/2019/04/tematicheskie-uroki/"]
    assert lessons["meta"]["title"] == "Тематические уроки ко Дню местного самоуправления"
    assert lessons["meta"]["date"] == "19 апреля 2019\u202fг."
    assert lessons["filters"] == {
        KIND: ["новость"],
        CATEGORY: ["Деятельность отделения"],
        MUNICIPALITY: ["Вяземский район", "Сафоновский район"],
        YEAR: ["2019"],
    }


def test_an_activity_shows_its_period_as_written_in_the_plan(index: dict) -> None:
    lessons = index["plan/2019/thematic-lessons/"]
    assert lessons["meta"]["date"] == "апрель"
    assert lessons["filters"] == {KIND: ["мероприятие плана"], YEAR: ["2019"]}


def test_a_municipality_page_is_found_by_its_name_not_by_its_posts(index: dict) -> None:
    vyazemsky = index["municipalities/vyazemsky/"]
    assert vyazemsky["meta"]["title"] == "Вяземский район"
    assert vyazemsky["filters"][MUNICIPALITY] == ["Вяземский район"]
    assert "Тематические уроки" not in vyazemsky["content"]


def test_only_the_page_content_is_indexed(index: dict) -> None:
    """No header, navigation, reading-mode switch, share links or neighbour links."""
    for url, page in index.items():
        content = page["content"]
        for chrome in ("Перейти к содержанию", "Версия для слабовидящих", "Поделиться"):
            assert chrome not in content, f"{url}: «{chrome}» is indexed"
        assert "Новее:" not in content and "Раньше:" not in content, url


def test_the_index_ships_no_unused_interface_and_no_theme_index(shipped_build: Build) -> None:
    bundle = shipped_build.site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "pagefind-entry.json").is_file()
    assert [name for name in UNUSED_BUNDLES if (bundle / name).exists()] == []
    assert not (shipped_build.site / "search" / "search_index.json").exists()


def test_indexing_again_leaves_no_stale_chunks(shipped_build: Build, tmp_path: Path) -> None:
    """A ``--dirty`` build keeps the old site folder: the index is rewritten, not added to."""
    site = tmp_path / "site"
    shutil.copytree(shipped_build.site, site)
    stale = site / "pagefind" / "fragment" / "ru_stale.pf_fragment"
    stale.write_bytes(b"left over from an earlier build")
    index_site(site)
    assert not stale.exists()
    assert indexed_pages(site) == indexed_pages(shipped_build.site)


def bundle_files(site: Path) -> dict[str, bytes]:
    bundle = site / "pagefind"
    return {
        path.relative_to(bundle).as_posix(): path.read_bytes()
        for path in bundle.rglob("*")
        if path.is_file()
    }


def test_indexing_the_same_pages_gives_the_same_files(shipped_build: Build, tmp_path: Path) -> None:
    """Pagefind 1.5.2 alone writes its filter files in a different order on every run."""
    first = bundle_files(shipped_build.site)
    assert any(name.startswith("filter/") for name in first)
    for attempt in range(3):
        site = tmp_path / f"site-{attempt}"
        shutil.copytree(shipped_build.site, site)
        index_site(site)
        again = bundle_files(site)
        assert sorted(again) == sorted(first)
        assert [name for name in first if first[name] != again[name]] == []


def test_filters_still_answer_after_settling(index: dict, shipped_build: Build) -> None:
    """The rewritten filter files name the same pages for each value as the fragments do."""
    bundle = shipped_build.site / "pagefind"
    meta_hash = json.loads((bundle / "pagefind-entry.json").read_text())["languages"]["ru"]["hash"]
    meta = cbor2.loads(read_chunk(bundle / f"pagefind.{meta_hash}.pf_meta"))
    page_hashes = [page[0] for page in meta[1]]
    urls = {
        fragment.stem: json.loads(read_chunk(fragment))["url"].lstrip("/")
        for fragment in (bundle / "fragment").glob("*.pf_fragment")
    }
    names = [name for name, _ in meta[3]]
    assert names == sorted(names) == sorted([KIND, CATEGORY, MUNICIPALITY, YEAR])
    for name, file_hash in meta[3]:
        key, values = cbor2.loads(read_chunk(bundle / "filter" / f"{file_hash}.pf_filter"))
        assert key == name
        assert [value for value, _ in values] == sorted(value for value, _ in values)
        for value, pages in values:
            found = {urls[page_hashes[number]] for number in pages}
            expected = {
                url for url, page in index.items() if value in page["filters"].get(name, [])
            }
            assert found == expected, (name, value)
