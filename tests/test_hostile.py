"""A hostile editor's project: generated bad posts, plan fragments and data files, checked and
built by the real commands under a time and memory limit.

Each round writes many generated inputs into one copy of the project at once (so a round
costs one ``plansite check`` and one ``mkdocs build``), then runs both in child processes
limited with ``resource.setrlimit``. Whatever was written:

* no traceback, and neither command goes over its CPU time or memory (a child that does is
  killed by the limit, which the test sees);
* ``plansite check`` and the build report exactly the same problems;
* every post is accounted for: each input known to be bad is named in a problem, each input
  known to be fine is not, and when nothing is bad every post is counted and published.

The generators take their sizes and characters from a seeded random source: the default
seed keeps CI reproducible; ``PLANSITE_HOSTILE_SEED=…`` tries other variants.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import PICTURES, copy_project

SEED = int(os.environ.get("PLANSITE_HOSTILE_SEED", "9"))
EPOCH = "1577750400"  # 2019-12-31: every generated 2019 post is already published
MEMORY_LIMIT = 1536 * 1024 * 1024
"""Address space of each child (bytes); its real peak must stay far below (see PEAK_RSS)."""
PEAK_RSS_KB = 600 * 1024
"""What a child may really use at its peak: a few hundred MB."""
CPU_SECONDS = 240
"""Each child's CPU time limit; a normal build of these rounds takes a small part of it."""
PROBLEM_LINE = re.compile(r"^(?:ERROR\s+-\s+)?(\S[^:\n]*):(\d+): (.+)$")
SUMMARY = re.compile(r"Записей: (\d+) \(опубликовано (\d+)")
FRONT = "title: Запись\ndate: 2019-04-19\ncategory: branch\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX")


def post(front: str = FRONT, body: str = "Текст записи.\n") -> str:
    return f"---\n{front}---\n\n{body}"


@dataclass
class Round:
    """The inputs of one round: which files must be named in problems, which must not."""

    project: Path
    rng: random.Random
    bad: set[str] = field(default_factory=set)
    fine: set[str] = field(default_factory=set)
    either: set[str] = field(default_factory=set)
    """Inputs that may be refused or published: only no crash and no hang is asked of them."""

    def write(self, relpath: str, content: str | bytes, kind: str) -> None:
        path = self.project / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        self.mark(relpath, kind)

    def mark(self, relpath: str, kind: str) -> None:
        {"bad": self.bad, "fine": self.fine, "either": self.either}[kind].add(relpath)

    def word(self, low: int = 3, high: int = 12) -> str:
        return "".join(
            self.rng.choice("абвгдежзиклмнопрстуфхцчшщыэюя")
            for _ in range(self.rng.randint(low, high))
        )


# --------------------------------------------------------------------------- generators

Generator = Callable[[Round, int], None]


def laughs(r: Round, n: int) -> None:
    width, depth = r.rng.randint(6, 10), r.rng.randint(8, 11)
    levels = "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]\n" for i in range(1, depth)
    )
    front = f'{FRONT}a0: &a0 ["{r.word()}"]\n{levels}tags: *a{depth - 1}\n'
    r.write(f"news/2019/2019-04-19-laughs-{n}.md", post(front), "bad")


def self_alias(r: Round, n: int) -> None:
    r.write(f"news/2019/2019-04-19-self-{n}.md", post(f"{FRONT}tags: &a [x, *a]\n"), "bad")


def huge_value(r: Round, n: int) -> None:
    value = (r.word() + " ") * r.rng.randint(3_000, 60_000)
    key = r.rng.choice(["summary", "title", "category", "municipality", "tags"])
    front = FRONT.replace("category: branch\n", "") if key == "category" else FRONT
    front = front.replace("title: Запись\n", "") if key == "title" else front
    r.write(f"news/2019/2019-04-19-huge-{n}.md", post(f"{front}{key}: {value}\n"), "bad")


def huge_file(r: Round, n: int) -> None:
    body = (r.word() + " ") * 200_000
    r.write(f"news/2019/2019-04-19-big-{n}.md", post(body=body), "bad")


def deep_yaml(r: Round, n: int) -> None:
    depth = r.rng.randint(200, 5_000)
    front = f"{FRONT}summary: {'[' * depth}{']' * depth}\n"
    r.write(f"news/2019/2019-04-19-deep-{n}.md", post(front), "bad")


def surrogate(r: Round, n: int) -> None:
    code = r.rng.randint(0xD800, 0xDFFF)
    front = FRONT.replace("title: Запись", f'title: "Запись \\u{code:04x}"')
    r.write(f"news/2019/2019-04-19-surrogate-{n}.md", post(front), "bad")


def bad_year(r: Round, n: int) -> None:
    year = r.rng.choice([r.rng.randint(1, 1999), r.rng.randint(2101, 9999)])
    front = FRONT.replace("2019-04-19", f"{year:04d}-04-19")
    r.write(f"news/2019/2019-04-19-year-{n}.md", post(front), "bad")


def fake_picture(r: Round, n: int) -> None:
    folder = f"news/2019/fake-{n}"
    suffix = r.rng.choice(["png", "jpg", "gif", "webp", "svg"])
    r.write(f"{folder}/photo.{suffix}", r.word(), "either")
    r.write(f"{folder}/index.md", post(body=f"![Фото](photo.{suffix})\n"), "bad")


def svg_script(r: Round, n: int) -> None:
    folder = f"news/2019/svg-{n}"
    handler = r.rng.choice(
        [
            'onload="alert(1)"',
            'ONCLICK="x()"',
            "><script>alert(1)</script",
            '><a href=" java\tscript:alert(1)"><rect/></a',
            "><foreignObject><div/></foreignObject",
            '><set attributeName="onmouseover" to="alert(1)"/',
        ]
    )
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9" {handler}></svg>'
    r.write(f"{folder}/logo.svg", svg, "either")
    r.write(f"{folder}/index.md", post(f"{FRONT}image: logo.svg\n"), "bad")


def active_file(r: Round, n: int) -> None:
    folder = f"news/2019/active-{n}"
    name = r.rng.choice(["page.html", "app.js", "index.htm", "x.xhtml", "run.exe", "noext"])
    r.write(f"{folder}/{name}", "<script>alert(1)</script>", "either")
    r.write(f"{folder}/index.md", post(), "bad")


def fifo_post(r: Round, n: int) -> None:
    relpath = f"news/2019/2019-04-19-pipe-{n}.md"
    os.mkfifo(r.project / relpath)
    r.mark(relpath, "bad")


def fifo_in_folder(r: Round, n: int) -> None:
    folder = f"news/2019/pipe-folder-{n}"
    r.write(f"{folder}/index.md", post(), "bad")
    os.mkfifo(r.project / folder / "photo.png")


def symlink_loop(r: Round, n: int) -> None:
    relpath = f"news/2019/2019-04-19-loop-{n}.md"
    (r.project / relpath).symlink_to(Path(relpath).name)
    r.mark(relpath, "bad")


def device_link(r: Round, n: int) -> None:
    relpath = f"news/2019/2019-04-19-zero-{n}.md"
    (r.project / relpath).symlink_to("/dev/zero")
    r.mark(relpath, "bad")


def dead_site_link(r: Round, n: int) -> None:
    """Links are checked once every page exists, so only when nothing else is wrong (see
    the corpus case body-link-missing-page); here it must just not break anything."""
    target = r.rng.choice(["/plan/1999/", "/calendar/2019/13/", "/news/nope/", "/plan/2019/x/"])
    r.write(f"news/2019/2019-04-19-dead-{n}.md", post(body=f"[ссылка]({target})\n"), "either")


def shared_tag(r: Round, n: int) -> None:
    front = f"{FRONT}tags: [мел{n}, мель{n}]\n"
    r.write(f"news/2019/2019-04-19-tags-{n}.md", post(front), "bad")


def indented_closer(r: Round, n: int) -> None:
    text = f"---\n{FRONT}{' ' * r.rng.randint(1, 4)}---\n\nТекст.\n"
    r.write(f"news/2019/2019-04-19-closer-{n}.md", text, "bad")


def long_unknown_category(r: Round, n: int) -> None:
    front = FRONT.replace("branch", (r.word() + " ") * 600)
    r.write(f"news/2019/2019-04-19-category-{n}.md", post(front), "bad")


def control_soup(r: Round, n: int) -> None:
    soup = "".join(
        chr(r.rng.choice([*range(0, 9), *range(11, 32), 0x7F, 0x85, 0x2028, 0x202E]))
        for _ in range(30)
    ).replace("\x00", "")
    front = f"title: Запись {soup}\ndate: 2019-02-30\ncategory: branch\n"
    r.write(f"news/2019/2019-04-19-soup-{n}.md", post(front, f"Текст {soup}.\n"), "bad")


def nfd_names(r: Round, n: int) -> None:
    front = FRONT + "municipality: Холм-Жирковскии\u0306 район\n"  # «й» typed as «и» + breve
    r.write(f"news/2019/2019-04-19-nfd-{n}.md", post(front), "fine")


def bidi_and_separators(r: Round, n: int) -> None:
    marks = "".join(
        r.rng.choice("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028")
        for _ in range(5)
    )
    front = FRONT.replace("Запись", f"Запись{marks}")
    r.write(f"news/2019/2019-04-19-bidi-{n}.md", post(front, f"Текст{marks}.\n"), "fine")


def odd_tags(r: Round, n: int) -> None:
    tags = [
        r.rng.choice(["C++", "C#", "C", "🎉", "🎈", "#МСУ", "«ТОС»", "a_b", "a-b"])
        for _ in range(4)
    ]
    front = f"{FRONT}tags: {json.dumps(tags, ensure_ascii=False)}\n"
    r.write(f"news/2019/2019-04-19-odd-tags-{n}.md", post(front), "fine")


def site_links(r: Round, n: int) -> None:
    body = "[план](/plan/2019/) [месяц](/calendar/2019/04/#dated) [лента](/rss.xml) [дом](/)\n"
    r.write(f"news/2019/2019-04-19-links-{n}.md", post(body=body), "fine")


def dashes_in_block(r: Round, n: int) -> None:
    front = f"{FRONT}summary: |\n  начало\n  ---\n  конец\n"
    r.write(f"news/2019/2019-04-19-block-{n}.md", post(front), "fine")


def real_pictures(r: Round, n: int) -> None:
    folder = f"news/2019/pictures-{n}"
    kind = r.rng.choice(sorted(PICTURES))
    r.write(f"{folder}/photo.{kind}", PICTURES[kind], "either")
    r.write(f"{folder}/index.md", post(f"{FRONT}image: photo.{kind}\n"), "fine")


def pathological_markdown(r: Round, n: int) -> None:
    size = r.rng.randint(1_000, 60_000)
    body = r.rng.choice(
        [
            "*" * size,
            "[" * size,
            "> " * (size // 40),
            "- " * (size // 40),
            "_a" * size,
            "<div>" * (size // 10),
            "`" * size,
            "![" * size,
            "&#xD800;" * (size // 10),
            "\\" * size,
            "|" * size + "\n" + "|-" * (size // 2),
        ]
    )
    r.write(f"news/2019/2019-04-19-markdown-{n}.md", post(body=body + "\n"), "either")


BAD: tuple[Generator, ...] = (
    laughs,
    self_alias,
    huge_value,
    huge_file,
    deep_yaml,
    surrogate,
    bad_year,
    fake_picture,
    svg_script,
    active_file,
    fifo_post,
    fifo_in_folder,
    symlink_loop,
    device_link,
    dead_site_link,
    shared_tag,
    indented_closer,
    long_unknown_category,
    control_soup,
)
FINE: tuple[Generator, ...] = (
    nfd_names,
    bidi_and_separators,
    odd_tags,
    site_links,
    dashes_in_block,
    real_pictures,
)


# --------------------------------------------------------------------------- plan fragments

EVENTS_AFTER = "              - РО ВСМС\n          - id: seminar-meeting\n"


def plan_events(r: Round, times: list[str]) -> None:
    events = "".join(
        f"              - date: 2019-04-{21 + index % 3}\n"
        + (f"                time: {value}\n" if value else "")
        + f"                title: Урок {index}\n"
        for index, value in enumerate(times)
    )
    path = r.project / "data/plan.yaml"
    text = path.read_text(encoding="utf-8")
    new = f"              - РО ВСМС\n            events:\n{events}          - id: seminar-meeting\n"
    path.write_text(text.replace(EVENTS_AFTER, new, 1), encoding="utf-8")


def bad_plan(r: Round) -> None:
    plan_events(r, [r.rng.choice(["10:00", "930", "10", '"10:00+05:00"', '"25:00"']), '"10:00"'])
    r.mark("data/plan.yaml", "bad")


def fine_plan(r: Round) -> None:
    """Events with and without a time on one day, twelve more sections, a second year."""
    plan_events(r, ['"10:00"', "", '"09:30"', ""])
    path = r.project / "data/plan.yaml"
    text = path.read_text(encoding="utf-8")
    sections = "".join(
        f"      - id: extra-{i}\n        title: Дополнительный раздел {i}\n        activities:\n"
        f"          - id: extra-activity-{i}\n            title: Мероприятие {i}\n"
        f"            when: апрель\n            responsible:\n              - РО ВСМС\n"
        for i in range(12)
    )
    plans = text[text.index("plans:\n") + len("plans:\n") :] + sections
    second = plans.replace("year: 2019", "year: 2020").replace("2019-", "2020-")
    path.write_text(text.rstrip("\n") + "\n" + sections + second, encoding="utf-8")
    r.mark("data/plan.yaml", "fine")


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Outcome:
    returncode: int
    output: str
    peak_rss_kb: int

    @property
    def problems(self) -> set[str]:
        found = set()
        for line in self.output.splitlines():
            match = PROBLEM_LINE.match(line)
            if match and not line.startswith(("INFO", "WARNING")):
                found.add(line.split("-  ", 1)[1] if line.startswith("ERROR") else line)
        return found


def limited() -> None:
    """Runs in the child before it starts: the limits the issue promises to stay under."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_limited(project: Path, *command: str) -> Outcome:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=CPU_SECONDS * 2,
        preexec_fn=limited,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return Outcome(result.returncode, result.stdout + result.stderr, max(peak, before))


def check_and_build(project: Path) -> tuple[Outcome, Outcome]:
    check = run_limited(project, "plansite.cli", "check")
    build = run_limited(project, "mkdocs", "build", "--strict", "-d", str(project / "site"))
    for outcome in (check, build):
        assert "Traceback" not in outcome.output, outcome.output[-5000:]
        assert outcome.returncode in (0, 1), outcome.output[-5000:]  # not killed by a limit
        assert outcome.peak_rss_kb < PEAK_RSS_KB, outcome.peak_rss_kb
        assert max(map(len, outcome.output.splitlines() or [""])) < 2_000
    assert check.problems == build.problems
    assert (check.returncode == 0) == (build.returncode == 0), (check.output, build.output)
    return check, build


def named(problems: set[str]) -> set[str]:
    files = set()
    for problem in problems:
        match = PROBLEM_LINE.match(problem)
        assert match, problem
        files.add(match[1])
    return files


@pytest.fixture
def hostile_round(tmp_path: Path) -> Round:
    return Round(copy_project(tmp_path / "project"), random.Random(SEED))


def test_hostile_posts_and_plan_are_refused_each_by_name(hostile_round: Round) -> None:
    r = hostile_round
    for number, generator in enumerate(BAD + FINE):
        generator(r, number)
    for number in range(4):
        pathological_markdown(r, number)
    bad_plan(r)
    check, _ = check_and_build(r.project)
    assert check.returncode == 1
    files = named(check.problems)
    for relpath in r.bad:
        assert relpath in files, f"{relpath} is bad but not named:\n{check.output}"
    for relpath in r.fine:
        assert relpath not in files, f"{relpath} is fine but named:\n{check.output}"
    assert files <= r.bad | r.either, sorted(files - r.bad - r.either)


def test_hostile_data_files_are_refused_by_name(hostile_round: Round) -> None:
    r = hostile_round
    depth = r.rng.randint(8, 11)
    levels = "".join(f"- &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, depth))
    r.write("data/categories.yaml", f"- &a0 {{id: x, name: y}}\n{levels}", "bad")
    (r.project / "data/municipalities.yaml").unlink()
    os.mkfifo(r.project / "data/municipalities.yaml")
    r.mark("data/municipalities.yaml", "bad")
    check, _ = check_and_build(r.project)
    assert check.returncode == 1
    assert named(check.problems) == r.bad


def test_fine_hostile_inputs_are_all_published(hostile_round: Round) -> None:
    r = hostile_round
    for number, generator in enumerate(FINE * 2):
        generator(r, number)
    fine_plan(r)
    check, _ = check_and_build(r.project)
    assert check.returncode == 0, check.output
    posts = len(list((r.project / "news").rglob("*.md")))  # the shipped ones and the fine ones
    counted = SUMMARY.search(check.output)
    assert counted is not None, check.output
    assert int(counted[1]) == int(counted[2]) == posts
    site = r.project / "site"
    assert (site / "plan/2020/index.html").is_file()
    plan_page = (site / "plan/2019/index.html").read_text(encoding="utf-8")
    assert "XIX. Дополнительный раздел 11" in plan_page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="plan/2020/"' in home and 'href="plan/2019/"' in home
