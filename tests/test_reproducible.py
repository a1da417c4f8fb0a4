"""Reproducible builds: the same inputs and ``SOURCE_DATE_EPOCH`` give byte-identical sites.

Two real ``mkdocs build --strict`` runs of the same inputs, in two different temporary
folders, with about thirty extra posts (folders with pictures, tags, municipalities, plan
links, Cyrillic file names) written to disk in two different orders, with different
directory creation orders and different file times, must produce the very same ``site/``
tree, byte for byte: pages, sitemap, search index, feeds, calendar and open data included.

A later ``SOURCE_DATE_EPOCH`` (still after every post) changes only what is meant to depend
on the build time, and nothing in the feeds. And the build core, called twice in one process,
gives the same pages and files: no state leaks from one build into the next.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import random
import re
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import ROOT, Build, copy_project, run_mkdocs
from plansite.load.plan import load_plan_data
from plansite.load.taxonomy import load_taxonomy
from plansite.site import BuildSettings, SiteContent, generate_site
from plansite.urls import post_slug

EPOCH = 1577793600
"""2019-12-31 12:00 UTC: after every post, inside the plan year (December is featured)."""
LATER_EPOCH = 1583020800
"""2020-03-01 00:00 UTC: still after every post, but after the plan year (January featured)."""
SITE_URL = "https://smolensk-vsms.example/"
"""``site_url`` of the shipped mkdocs.yml, which the real builds use."""

KEY_OUTPUTS = (
    "sitemap.xml",
    "sitemap.xml.gz",
    "pagefind/pagefind-entry.json",
    "rss.xml",
    "atom.xml",
    "calendar.ics",
    "plan/2019/plan.json",
    "plan/2019/plan.csv",
)
FEEDS = (
    "rss.xml",
    "atom.xml",
    "news/category/best-practices/rss.xml",
    "news/category/municipalities/rss.xml",
    "news/category/branch/rss.xml",
)
BUILD_TIME_DEPENDENT = frozenset(
    {
        # The home page features the build's month inside the plan year, else January.
        "index.html",
        # The year's timeline marks the build's day inside the plan year.
        "plan/2019/index.html",
        "calendar/2019/index.html",
        # The month grid marks today: 31 December 2019 in the first build, no day in the later one
        # (outside the plan year). The grid is kept out of the search index, so the index
        # itself does not change.
        "calendar/2019/12/index.html",
        # MkDocs writes the build date as every page's <lastmod>.
        "sitemap.xml",
        "sitemap.xml.gz",
        # Every VEVENT's DTSTAMP is the build time (RFC 5545: when the object was created).
        "calendar.ics",
    }
)
"""The only outputs a later build time may change (all posts being published in both)."""

GENERATED_POSTS = 30
TAGS = ("школы", "молодёжь", "ТОС", "выборы", "благоустройство", "семинар", "отчёты", "Дороги")
CYRILLIC_WORDS = ("встреча", "совещание", "отчёт", "уроки", "круглый-стол", "съезд", "ёлка")


# --------------------------------------------------------------------------- the inputs


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid, tiny, one-colour PNG (real dimensions: the pages read them)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )


def svg(label: str) -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        f'<title>{label}</title><rect width="40" height="20" fill="#36c"/></svg>\n'
    ).encode()


@dataclass(frozen=True)
class GeneratedPost:
    source: str
    """Project-relative path of the post file."""
    url: str
    """Site-relative URL of its page."""
    title: str


def generated_inputs() -> tuple[dict[str, bytes], list[GeneratedPost]]:
    """About thirty varied posts: project-relative path → bytes, and what each should become.

    Deterministic (a seeded generator), so both builds get exactly the same files.
    """
    rng = random.Random(2019)
    plan = load_plan_data(ROOT).plan_for(2019)
    assert plan is not None
    activity_ids = [activity.id for activity in plan.activities]
    taxonomy = load_taxonomy(ROOT)
    municipality_names = [item.name for item in taxonomy.municipalities]
    category_names = [c.name for c in taxonomy.categories] + [c.id for c in taxonomy.categories]

    files: dict[str, bytes] = {}
    posts: list[GeneratedPost] = []
    flat_sources: list[str] = []
    for number in range(GENERATED_POSTS):
        month = 1 + number % 12
        day = 1 + (number * 7) % 20
        kind = number % 3  # 0: flat Latin name, 1: flat Cyrillic name, 2: folder with pictures
        word = CYRILLIC_WORDS[number % len(CYRILLIC_WORDS)]
        if kind == 0:
            slug = f"gen-post-{number}"
            source = f"news/gen/2019-{month:02d}-{day:02d}-{slug}.md"
        elif kind == 1:
            source = f"news/gen/кириллица/2019{month:02d}{day:02d}-{word}-{number}.md"
            slug = None
        else:
            source = f"news/gen/папка-{number}/{word}-{number}/index.md"
            slug = None
        folder = posixpath.dirname(source)

        lines = [
            "---",
            f'title: "Запись {number}: {word.replace("-", " ")} — «итоги» и планы"',
            (
                f"date: 2019-{month:02d}-{day:02d}"
                if number % 2
                else f'date: "2019-{month:02d}-{day:02d} {8 + number % 10:02d}:{number % 60:02d}"'
            ),
            f"category: {category_names[number % len(category_names)]}",
        ]
        chosen = rng.sample(municipality_names, k=number % 4)
        if chosen:
            lines.append(f"municipality: [{', '.join(chosen)}]")
        if number % 2 == 0:
            lines.append(f"plan: [{', '.join(rng.sample(activity_ids, k=1 + number % 3))}]")
        lines.append(f"tags: [{', '.join(rng.sample(TAGS, k=1 + number % 4))}]")
        if number % 5 == 0:
            lines.append(f"summary: Краткое содержание записи номер {number}.")
        if number == 29:
            lines.append("draft: true")

        body = [
            "---",
            "",
            f"Первый абзац записи {number} о работе отделения в 2019 году.",
            "",
            "## Подробности",
            "",
            "- первый пункт;",
            "- второй пункт с **важным** словом.",
            "",
        ]
        if kind == 2:
            picture = f"фото-{number}.png"
            files[f"{folder}/{picture}"] = png(
                3 + number % 5, 2 + number % 3, (number * 8, 90, 200)
            )
            files[f"{folder}/img/схема.svg"] = svg(f"схема {number}")
            files[f"{folder}/doc-{number}.pdf"] = b"%PDF-1.4\n% fake\n"
            lines.append(f"image: {picture}")
            body += [
                "![Схема](img/схема.svg)",
                "",
                f"[Документ](doc-{number}.pdf) и "
                f"[предыдущая запись](../../{flat_link(flat_sources)})",
                "",
            ]
        else:
            neighbours = [other for other in flat_sources if posixpath.dirname(other) == folder]
            if neighbours:
                body += [f"См. также [запись]({posixpath.basename(neighbours[-1])}).", ""]
        if kind != 2:
            flat_sources.append(source)

        text = "\n".join(lines + body)
        files[source] = text.encode("utf-8")
        if number != 29:  # the draft is not published
            posts.append(GeneratedPost(source, _post_url(source, month, slug), lines[1]))
    return files, posts


def flat_link(flat_sources: list[str]) -> str:
    """The last flat post, relative to ``news/gen/`` (folder posts sit two levels below)."""
    return flat_sources[-1].removeprefix("news/gen/")


def _post_url(source: str, month: int, slug: str | None) -> str:
    return f"news/2019/{month:02d}/{slug or post_slug(source)}/"


def write_in_order(project: Path, files: dict[str, bytes], order: Iterable[str]) -> None:
    for relative in order:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[relative])


def shipped_news(project: Path) -> dict[str, bytes]:
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in sorted((project / "news").rglob("*"))
        if path.is_file()
    }


def build(project: Path, epoch: int) -> Build:
    result = run_mkdocs(project, epoch=str(epoch))
    assert result.returncode == 0, result.output
    return result


# --------------------------------------------------------------------------- the builds


@dataclass(frozen=True)
class Builds:
    a: Build
    b: Build
    later: Build
    posts: list[GeneratedPost]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    files, posts = generated_inputs()

    # A: generated files written in sorted order, in a fresh copy of the project.
    project_a = copy_project(tmp_path_factory.mktemp("reproducible-a") / "project")
    write_in_order(project_a, files, sorted(files))

    # B: another folder (a different, longer path); the whole news/ tree, shipped posts
    # included, deleted and written again in a shuffled order, directories created first in
    # another shuffled order, and every input file given a different, random mtime.
    project_b = copy_project(
        tmp_path_factory.mktemp("reproducible-b-in-another-folder") / "nested" / "project"
    )
    everything = {**shipped_news(project_b), **files}
    for path in sorted((project_b / "news").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    order = sorted(everything)
    random.Random(7).shuffle(order)
    directories = sorted({posixpath.dirname(relative) for relative in order})
    random.Random(8).shuffle(directories)
    for directory in directories:
        (project_b / directory).mkdir(parents=True, exist_ok=True)
    write_in_order(project_b, everything, order)
    times = random.Random(9)
    for path in sorted(project_b.rglob("*")):
        if path.is_file():
            moment = times.randint(946684800, 1893456000)  # 2000 … 2030
            os.utime(path, (moment, moment))

    # The later build: inputs as in A, another SOURCE_DATE_EPOCH.
    project_later = copy_project(tmp_path_factory.mktemp("reproducible-later") / "project")
    write_in_order(project_later, files, sorted(files))

    return Builds(
        a=build(project_a, EPOCH),
        b=build(project_b, EPOCH),
        later=build(project_later, LATER_EPOCH),
        posts=posts,
    )


def site_files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def diff_snippet(path: str, first: bytes, second: bytes, lines: int = 40) -> str:
    """A unified diff of two versions of an output file, short enough for a message."""
    try:
        old, new = first.decode("utf-8"), second.decode("utf-8")
    except UnicodeDecodeError:
        at = next(
            (i for i, (x, y) in enumerate(zip(first, second, strict=False)) if x != y),
            min(len(first), len(second)),
        )
        return (
            f"{path}: binary files differ at byte {at} "
            f"(sizes {len(first)} and {len(second)}): "
            f"{first[max(0, at - 16) : at + 16]!r} vs {second[max(0, at - 16) : at + 16]!r}"
        )
    diff = difflib.unified_diff(
        old.splitlines(), new.splitlines(), f"a/{path}", f"b/{path}", lineterm="", n=2
    )
    snippet = [line[:300] for line in diff]
    more = f"\n… ({len(snippet) - lines} more diff lines)" if len(snippet) > lines else ""
    return "\n".join(snippet[:lines]) + more


def differing_files(first: Path, second: Path) -> tuple[set[str], set[str], list[str]]:
    """Files only in the first tree, only in the second, and present in both but different."""
    a, b = site_files(first), site_files(second)
    changed = sorted(p for p in a.keys() & b.keys() if a[p].read_bytes() != b[p].read_bytes())
    return a.keys() - b.keys(), b.keys() - a.keys(), changed


def assert_same_tree(first: Path, second: Path) -> None:
    only_first, only_second, changed = differing_files(first, second)
    assert not only_first and not only_second, (
        f"different file sets: only in the first build {sorted(only_first)[:20]}, "
        f"only in the second {sorted(only_second)[:20]}"
    )
    if changed:
        path = changed[0]
        snippet = diff_snippet(path, (first / path).read_bytes(), (second / path).read_bytes())
        pytest.fail(f"{len(changed)} files differ: {changed[:20]}\nfirst difference:\n{snippet}")


# --------------------------------------------------------------------------- same inputs


def test_the_generated_posts_are_all_published(builds: Builds) -> None:
    """The comparison below is meaningful only if the extra posts really are in the site."""
    published = 12 + GENERATED_POSTS - 1  # shipped posts, generated ones but the draft
    assert f"опубликовано {published} " in builds.a.output, builds.a.output
    for post in builds.posts:
        page = builds.a.page(post.url)
        assert "Первый абзац записи" in page, post.source
    folder_posts = [post for post in builds.posts if post.source.endswith("/index.md")]
    assert len(folder_posts) >= 9
    for post in folder_posts:
        pictures = [p.name for p in (builds.a.site / post.url).iterdir() if p.suffix == ".png"]
        assert len(pictures) == 1, (post.source, pictures)
        assert (builds.a.site / post.url / "img" / "схема.svg").is_file()
    assert len([post for post in builds.posts if "кириллица" in post.source]) >= 9


def test_the_two_input_trees_really_differ_on_disk(builds: Builds) -> None:
    """The second copy lives elsewhere and its files were written in another order."""
    a, b = builds.a.project, builds.b.project
    assert a != b and len(str(a)) != len(str(b))

    def listing(project: Path) -> list[str]:
        return [entry.name for entry in os.scandir(project / "news" / "gen" / "кириллица")]

    def mtimes(project: Path) -> list[int]:
        return [int(p.stat().st_mtime) for p in sorted((project / "news").rglob("*.md"))]

    assert sorted(listing(a)) == sorted(listing(b))
    assert mtimes(a) != mtimes(b)


def test_key_outputs_exist_and_are_identical(builds: Builds) -> None:
    for path in KEY_OUTPUTS + FEEDS:
        first, second = builds.a.site / path, builds.b.site / path
        assert first.is_file(), f"{path} missing from the first build"
        assert second.is_file(), f"{path} missing from the second build"
        assert first.read_bytes() == second.read_bytes(), diff_snippet(
            path, first.read_bytes(), second.read_bytes()
        )


def test_two_builds_of_the_same_inputs_are_byte_identical(builds: Builds) -> None:
    assert len(site_files(builds.a.site)) > 200
    assert_same_tree(builds.a.site, builds.b.site)


def test_no_output_mentions_the_build_folder(builds: Builds) -> None:
    """A temporary folder's path in any output would make builds differ between machines."""
    for project in (builds.a.project, builds.b.project):
        folder = str(project.parent).encode()
        for path, file in site_files(project / "site").items():
            assert folder not in file.read_bytes(), f"{path} contains the build folder {project}"


# --------------------------------------------------------------------------- a later epoch


def test_a_later_epoch_changes_only_build_time_outputs(builds: Builds) -> None:
    only_first, only_second, changed = differing_files(builds.a.site, builds.later.site)
    assert not only_first and not only_second
    unexpected = sorted(set(changed) - BUILD_TIME_DEPENDENT)
    assert not unexpected, "\n".join(
        diff_snippet(path, builds.a.file(path), builds.later.file(path)) for path in unexpected[:3]
    )
    # What does differ, and why:
    assert set(changed) == BUILD_TIME_DEPENDENT, changed


def test_a_later_epoch_leaves_every_feed_unchanged(builds: Builds) -> None:
    for path in FEEDS:
        assert builds.a.file(path) == builds.later.file(path), diff_snippet(
            path, builds.a.file(path), builds.later.file(path)
        )
    newest = max(  # lastBuildDate comes from the newest post, not from the build time
        datetime.strptime(m, "%a, %d %b %Y %H:%M:%S %z")
        for m in re.findall(r"<pubDate>([^<]+)</pubDate>", builds.a.file("rss.xml").decode())
    )
    last_build = re.search(
        r"<lastBuildDate>([^<]+)</lastBuildDate>", builds.a.file("rss.xml").decode()
    )
    assert last_build
    assert datetime.strptime(last_build.group(1), "%a, %d %b %Y %H:%M:%S %z") == newest


def _without_dtstamp(calendar: bytes) -> tuple[bytes, list[bytes]]:
    lines = calendar.split(b"\r\n")
    stamps = [line for line in lines if line.startswith(b"DTSTAMP")]
    return b"\r\n".join(line for line in lines if not line.startswith(b"DTSTAMP")), stamps


def test_a_later_epoch_changes_only_the_calendars_dtstamp(builds: Builds) -> None:
    first, first_stamps = _without_dtstamp(builds.a.file("calendar.ics"))
    later, later_stamps = _without_dtstamp(builds.later.file("calendar.ics"))
    assert first == later, diff_snippet("calendar.ics", first, later)
    assert first.count(b"BEGIN:VEVENT") == len(first_stamps) >= 10
    assert set(first_stamps) == {b"DTSTAMP:20191231T120000Z"}
    assert set(later_stamps) == {b"DTSTAMP:20200301T000000Z"}


def test_a_later_epoch_changes_the_featured_month_and_lastmod(builds: Builds) -> None:
    assert "Декабрь 2019: что по плану" in builds.a.page("")
    # After the plan year the home page shows the plan's results instead of a month.
    assert "Итоги плана на 2019 год" in builds.later.page("")
    assert "что по плану" not in builds.later.page("")
    first = builds.a.file("sitemap.xml").decode()
    later = builds.later.file("sitemap.xml").decode()
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", first)) == {"2019-12-31"}
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", later)) == {"2020-03-01"}
    assert re.sub(r"<lastmod>[^<]+</lastmod>", "", first) == re.sub(
        r"<lastmod>[^<]+</lastmod>", "", later
    )


# --------------------------------------------------------------------------- one process


def _generate(project: Path, epoch: int, **changes: object) -> SiteContent:
    settings = BuildSettings(
        project_dir=project,
        site_url=SITE_URL,
        build_time=datetime.fromtimestamp(epoch, tz=timezone.utc),
    )
    for name, value in changes.items():
        settings = BuildSettings(**{**settings.__dict__, name: value})
    return generate_site(settings)


def test_generate_site_twice_in_one_process_gives_the_same_content(
    builds: Builds, tmp_path: Path
) -> None:
    first = _generate(builds.a.project, EPOCH)
    # Another build in between: other project, other time, drafts shown, other address.
    other = copy_project(tmp_path / "other")
    _generate(other, LATER_EPOCH, include_drafts=True, site_url="https://other.example/sub/")
    _generate(builds.b.project, EPOCH, include_drafts=True)
    second = _generate(builds.a.project, EPOCH)

    assert [page.src for page in first.pages] == [page.src for page in second.pages]
    for one, two in zip(first.pages, second.pages, strict=True):
        assert one.markdown == two.markdown, diff_snippet(
            one.src, one.markdown.encode(), two.markdown.encode()
        )
    assert [asset.path for asset in first.assets] == [asset.path for asset in second.assets]
    for one, two in zip(first.assets, second.assets, strict=True):
        assert one.content == two.content, diff_snippet(one.path, one.content, two.content)
    assert (first.abbreviations, first.summary) == (second.abbreviations, second.summary)
    assert first == second


def test_generated_files_are_those_the_real_build_published(builds: Builds) -> None:
    """The core's assets reach the site unchanged (no later step adds build-dependent bytes)."""
    content = _generate(builds.a.project, EPOCH)
    assert len(content.assets) > 30
    for asset in content.assets:
        assert builds.a.file(asset.path) == asset.content, asset.path
