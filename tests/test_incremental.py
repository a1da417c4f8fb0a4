"""Incremental builds give exactly the site a clean build gives, after any sequence of edits.

A generated project is edited step by step, the way editors and developers change it, and
after each step the project is built twice: incrementally, in place, with the cache left by
the previous steps; and clean, from a copy that has no cache. The two output trees must be
byte-identical, and the incremental build must really reuse pages where it can.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from benchmark_corpus import corpus
from conftest import Build, run_mkdocs

POSTS = 12
CACHE = Path(".cache/plansite/pages.sqlite")
SEARCH_CACHE = Path(".cache/plansite/search-index")
KEPT_VALUES = (Path(".cache/plansite/readings.pickle"), Path(".cache/plansite/rendered.pickle"))
REUSED = re.compile(r"Страниц собрано: (\d+), взято из кэша: (\d+)\.")

Edit = Callable[[Path, random.Random], str]


def _posts(project: Path) -> list[Path]:
    return sorted((project / "news").rglob("*.md"))


def edit_body(project: Path, rng: random.Random) -> str:
    post = rng.choice(_posts(project))
    post.write_text(post.read_text(encoding="utf-8") + "\nДополнение к записи.\n", "utf-8")
    return f"edit the body of {post.relative_to(project)}"


def edit_title(project: Path, rng: random.Random) -> str:
    post = rng.choice(_posts(project))
    text = post.read_text(encoding="utf-8")
    post.write_text(re.sub(r'^title: "?', 'title: "Уточнено: ', text, count=1, flags=re.M), "utf-8")
    text = post.read_text(encoding="utf-8")
    if text.count('"', 0, text.index("\ndate:")) % 2:  # the title was not quoted before
        post.write_text(text.replace("\ndate:", '"\ndate:', 1), "utf-8")
    return f"retitle {post.relative_to(project)}"


def add_post(project: Path, rng: random.Random) -> str:
    number = rng.randrange(10_000, 99_999)
    post = project / "news" / "2020" / f"2020-06-{rng.randint(10, 28)}-new-{number}.md"
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text(
        "---\ntitle: Новая запись о заседании\ndate: 2020-06-15\n"
        "category: branch\ntags: [заседание]\n---\n\n"
        "Состоялось заседание совета отделения.\n\n## Итоги\n\nПриняты решения.\n",
        "utf-8",
    )
    return f"add {post.relative_to(project)}"


def _relink(project: Path, old: str, new: str | None) -> None:
    """Links to the post ``old`` (a path ending) point to ``new``, or become plain text."""
    link = re.compile(r"\[([^\]]*)\]\(([^)]*" + re.escape(old) + r")\)")
    for post in _posts(project):
        text = post.read_text(encoding="utf-8")
        if new is None:
            changed = link.sub(lambda match: match.group(1), text)
        else:
            changed = link.sub(lambda m: f"[{m.group(1)}]({m.group(2)[: -len(old)]}{new})", text)
        if changed != text:
            post.write_text(changed, "utf-8")


def delete_post(project: Path, rng: random.Random) -> str:
    post = rng.choice(_posts(project))
    if post.name == "index.md":
        shutil.rmtree(post.parent)
        _relink(project, f"{post.parent.name}/index.md", None)
    else:
        post.unlink()
        _relink(project, post.name, None)
    return f"delete {post.relative_to(project)}"


def rename_post(project: Path, rng: random.Random) -> str:
    post = rng.choice([post for post in _posts(project) if post.name != "index.md"])
    renamed = post.with_name(post.stem + "-renamed.md")
    post.rename(renamed)
    _relink(project, post.name, renamed.name)
    return f"rename {post.relative_to(project)}"


def _rename_in_data(project: Path, rng: random.Random, data_file: str) -> str:
    path = project / "data" / data_file
    text = path.read_text(encoding="utf-8")
    names = re.findall(r"^  name: (.+)$", text, flags=re.M)
    old = rng.choice(names)
    new = f"{old} (новое название)"
    path.write_text(text.replace(f"  name: {old}\n", f"  name: {new}\n", 1), "utf-8")
    for post in _posts(project):  # the editors' posts follow the new name
        text = post.read_text(encoding="utf-8")
        if old in text:
            post.write_text(text.replace(old, new), "utf-8")
    return f"rename «{old}» in data/{data_file}"


def rename_category(project: Path, rng: random.Random) -> str:
    return _rename_in_data(project, rng, "categories.yaml")


def rename_municipality(project: Path, rng: random.Random) -> str:
    return _rename_in_data(project, rng, "municipalities.yaml")


def edit_plan(project: Path, rng: random.Random) -> str:
    path = project / "data" / "plan.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    titles = [i for i, line in enumerate(lines) if re.match(r"^\s+title: [^\"'>|]", line)]
    index = rng.choice(titles)
    lines[index] = lines[index].rstrip("\n") + " (уточнено)\n"
    path.write_text("".join(lines), "utf-8")
    return f"edit data/plan.yaml line {index + 1}"


def edit_config(project: Path, rng: random.Random) -> str:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  - Сокращения: glossary.md", "  - Словарь: glossary.md"), "utf-8"
    )
    if path.read_text(encoding="utf-8") == text:
        path.write_text(text.replace("copyright: ", "copyright: © "), "utf-8")
    return "edit mkdocs.yml"


def edit_override(project: Path, rng: random.Random) -> str:
    path = project / "overrides" / "partials" / "copyright.html"
    path.write_text(path.read_text(encoding="utf-8") + f"<!-- {rng.random()} -->\n", "utf-8")
    return "edit overrides/partials/copyright.html"


def corrupt_cache(project: Path, rng: random.Random) -> str:
    path = project / CACHE
    data = bytearray(path.read_bytes())
    for _ in range(64):
        data[rng.randrange(len(data) // 4, len(data))] ^= 0xFF
    path.write_bytes(bytes(data))
    return "corrupt the cache"


def truncate_cache(project: Path, rng: random.Random) -> str:
    path = project / CACHE
    path.write_bytes(path.read_bytes()[: rng.randrange(1, path.stat().st_size)])
    return "truncate the cache"


def _kept_search_files(project: Path) -> list[Path]:
    return sorted(p for p in (project / SEARCH_CACHE).rglob("*") if p.is_file())


def corrupt_search_cache(project: Path, rng: random.Random) -> str:
    path = rng.choice(_kept_search_files(project))
    data = bytearray(path.read_bytes() or b"\0")
    data[rng.randrange(len(data))] ^= 0xFF
    path.write_bytes(bytes(data))
    return f"corrupt the kept search index ({path.name})"


def truncate_search_cache(project: Path, rng: random.Random) -> str:
    path = rng.choice(_kept_search_files(project))
    path.write_bytes(path.read_bytes()[: rng.randrange(0, max(1, path.stat().st_size))])
    return f"truncate the kept search index ({path.name})"


def corrupt_kept_values(project: Path, rng: random.Random) -> str:
    """Flip bytes in the kept post readings and rendered pages."""
    for name in KEPT_VALUES:
        path = project / name
        data = bytearray(path.read_bytes())
        for _ in range(8):
            data[rng.randrange(len(data))] ^= 0xFF
        path.write_bytes(bytes(data))
    return "corrupt the kept readings and rendered pages"


def truncate_kept_values(project: Path, rng: random.Random) -> str:
    for name in KEPT_VALUES:
        path = project / name
        path.write_bytes(path.read_bytes()[: rng.randrange(0, path.stat().st_size)])
    return "truncate the kept readings and rendered pages"


EDITS: tuple[Edit, ...] = (
    edit_body,
    edit_title,
    add_post,
    delete_post,
    rename_post,
    rename_category,
    rename_municipality,
    edit_plan,
    edit_config,
    edit_override,
    corrupt_cache,
    truncate_cache,
    corrupt_search_cache,
    truncate_search_cache,
    corrupt_kept_values,
    truncate_kept_values,
)
LOCAL_EDITS = (edit_body, edit_title, add_post, delete_post, rename_post)


def tree(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def clean_build(project: Path, where: Path) -> Build:
    if where.exists():
        shutil.rmtree(where)
    shutil.copytree(project, where, ignore=shutil.ignore_patterns(".cache", "site"))
    return run_mkdocs(where, epoch=corpus.BUILD_EPOCH)


def counts(build: Build) -> tuple[int, int]:
    found = REUSED.search(build.output)
    assert found, build.output
    return int(found.group(1)), int(found.group(2))


def assert_same_site(incremental: Build, clean: Build, step: str) -> None:
    assert incremental.returncode == 0, f"{step}: {incremental.output}"
    assert clean.returncode == 0, f"{step}: {clean.output}"
    got, expected = tree(incremental.site), tree(clean.site)
    assert got.keys() == expected.keys(), f"{step}: files differ: {got.keys() ^ expected.keys()}"
    differing = [path for path in expected if got[path] != expected[path]]
    assert not differing, f"after «{step}» these files differ from a clean build: {differing}"


def dirty_build(project: Path, site: Path) -> Build:
    """A build into the folder of the previous one without emptying it, as the preview
    rebuilds (``plansite serve`` runs MkDocs with ``--dirty``)."""
    build = run_mkdocs(project, "--dirty", "-d", str(site), epoch=corpus.BUILD_EPOCH)
    return Build(project, site, build.returncode, build.output)


SEED = int(os.environ.get("PLANSITE_EDITS_SEED", "2019"))
"""Another seed gives another sequence of edits: ``PLANSITE_EDITS_SEED=7 pytest …``."""


def test_random_edits_keep_incremental_builds_equal_to_clean_builds(tmp_path: Path) -> None:
    seed = SEED
    rng = random.Random(seed)
    project = corpus.write_plansite_project(
        tmp_path / "project", corpus.generate_corpus(POSTS, seed=seed)
    )
    steps = list(EDITS)
    rng.shuffle(steps)
    steps += [rng.choice(LOCAL_EDITS) for _ in range(2)]

    first = run_mkdocs(project, epoch=corpus.BUILD_EPOCH)
    assert first.returncode == 0, first.output
    assert counts(first)[1] == 0
    second = run_mkdocs(project, epoch=corpus.BUILD_EPOCH)
    assert counts(second)[0] == 0, "a build with nothing changed rendered pages again"
    clean = clean_build(project, tmp_path / "clean")
    assert_same_site(second, clean, "no change")
    preview = tmp_path / "preview"
    assert_same_site(dirty_build(project, preview), clean, "no change, a dirty build")

    for edit in steps:
        step = edit(project, rng)
        incremental = run_mkdocs(project, epoch=corpus.BUILD_EPOCH)
        clean = clean_build(project, tmp_path / "clean")
        assert_same_site(incremental, clean, step)
        assert_same_site(dirty_build(project, preview), clean, f"{step}, a dirty build")
        rendered, reused = counts(incremental)
        if edit in (edit_body,):
            assert reused > rendered, f"{step}: only {reused} pages reused, {rendered} rendered"
