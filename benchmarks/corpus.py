"""A deterministic synthetic corpus of Russian news posts, and the two projects built from it.

The corpus is generated, not copied: every text is assembled by ``random.Random(seed)`` from
the word lists below, so the same ``(count, seed)`` always gives the same bytes. Posts are
spread over 2019–2022, over every category and municipality of the project's ``data/``, and
(2019 posts only, the one year with a plan) over the plan's activities. Each body has
300–600 words with ``##`` headings, a bulleted list, a link to another post (a relative
``.md`` path), a Markdown table and, in about one post of five, a picture: those posts use
the post-in-a-folder layout ``news/YYYY/<name>/index.md`` + ``pic.png``.

Two projects are written from one corpus:

* :func:`write_plansite_project` — a copy of the real project (``mkdocs.yml``, ``docs``,
  ``data``, ``hooks``, ``overrides``) whose ``news/`` holds the corpus only;
* :func:`write_bare_project` — the floor: a bare MkDocs + Material project with no hooks whose
  ``docs/news/`` holds the same bodies (title kept as MkDocs meta) and pictures at the same
  relative paths.

Run it alone to get a project to profile or look at::

    python benchmarks/corpus.py --posts 1000 --out /tmp/bench-1000
"""

from __future__ import annotations

import argparse
import json
import posixpath
import random
import shutil
import struct
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides")
"""What a plansite project copy takes from the repository (``news/`` is the corpus)."""
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
DEFAULT_SEED = 20190419
FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2022, 12, 31)
PLAN_YEAR = 2019
BUILD_EPOCH = "1672531200"
"""2023-01-01 00:00 UTC: after every post of the corpus, so all of them are published."""
PICTURE_EVERY = 5
"""About one post in this many has a picture (and lives in its own folder)."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- vocabulary ------------------------------------------------------------------------------
# Plain dictionary words in several grammatical forms: the texts are not meant to read well,
# only to look like Russian prose to Markdown, the search index and the theme (Cyrillic
# letters, word lengths, punctuation, the plan's abbreviations).

NOUNS = _words(
    "отделение совет самоуправление поселение район округ депутат глава администрация "
    "заседание семинар совещание конференция конкурс олимпиада урок школа молодёжь житель "
    "собрание бюджет проект инициатива благоустройство дорога клуб библиотека площадка "
    "программа закон решение вопрос предложение опыт практика работа встреча обсуждение "
    "выборы кандидат комиссия отчёт итоги план мероприятие участник представитель эксперт "
    "методика материал доклад выступление сообщество территория посёлок деревня город "
    "улица двор сквер парк памятник ветеран волонтёр субботник праздник традиция"
)
GENITIVES = _words(
    "отделения совета самоуправления поселения района округа депутатов главы администрации "
    "заседания семинара конкурса школы молодёжи жителей бюджета проекта благоустройства "
    "дорог клуба программы закона решения вопросов работы встречи выборов комиссии плана "
    "мероприятий участников представителей экспертов территории посёлка города улиц дворов "
    "муниципалитетов области Смоленщины"
)
ADJECTIVES = _words(
    "местное муниципальное региональное областное общественное территориальное новое "
    "ежегодное открытое практическое рабочее совместное итоговое важное первое очередное "
    "выездное сельское городское районное молодёжное образовательное"
)
VERBS = _words(
    "провели обсудили рассмотрели подготовили поддержали предложили утвердили представили "
    "организовали отметили рассказали подвели получили направили собрали изучили приняли "
    "продолжили начали завершили провёл обсудил рассмотрел подготовил поддержал предложил "
    "отметил рассказал подвёл получил направил"
)
ADVERBS = _words(
    "совместно подробно впервые ежегодно активно успешно вновь также дополнительно "
    "традиционно оперативно"
)
PREPOSITIONS = _words("в на по для о при с к из")
ABBREVIATIONS = ("ВСМС", "МСУ", "ТОС", "РО", "РС", "СМИ", "МО")
"""The plan's glossary: plansite marks these up as ``<abbr>`` on every page."""
TAGS = _words(
    "школы молодёжь ТОС выборы семинар благоустройство обучение конкурс совещание отчёт "
    "бюджет поселения ветераны волонтёры"
)
SLUG_WORDS = _words(
    "seminar soveshchanie zasedanie konkurs olimpiada uroki vybory otchet tos "
    "blagoustrojstvo kruglyj-stol sezd vstrecha forum proekt itogi"
)
TABLE_HEADERS = (
    ("Показатель", "Значение", "Примечание"),
    ("Муниципальное образование", "Участников", "Проектов"),
    ("Месяц", "Мероприятий", "Участников"),
)


@dataclass(frozen=True)
class Taxonomy:
    """What posts may name: read from the project's ``data/``."""

    category_ids: tuple[str, ...]
    category_names: tuple[str, ...]
    municipality_names: tuple[str, ...]
    activity_ids: tuple[str, ...]
    """Activities of the 2019 plan."""


@dataclass(frozen=True)
class CorpusPost:
    source: str
    """Relative to ``news/``'s parent: ``news/2019/2019-04-19-uroki-0001.md``."""
    title: str
    front_matter: str
    """The YAML between the ``---`` lines of the plansite post."""
    body: str
    picture: bytes | None
    """``pic.png`` beside ``index.md`` when the post has one."""

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.source)


def load_taxonomy(project: Path = ROOT) -> Taxonomy:
    data = project / "data"
    categories = yaml.safe_load((data / "categories.yaml").read_text(encoding="utf-8"))
    municipalities = yaml.safe_load((data / "municipalities.yaml").read_text(encoding="utf-8"))
    plan_data = yaml.safe_load((data / "plan.yaml").read_text(encoding="utf-8"))
    plan = next(plan for plan in plan_data["plans"] if plan["year"] == PLAN_YEAR)
    return Taxonomy(
        category_ids=tuple(item["id"] for item in categories),
        category_names=tuple(item["name"] for item in categories),
        municipality_names=tuple(item["name"] for item in municipalities),
        activity_ids=tuple(
            activity["id"] for section in plan["sections"] for activity in section["activities"]
        ),
    )


# --- text ------------------------------------------------------------------------------------


class _Writer:
    """Russian-looking text from one ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def phrase(self) -> list[str]:
        r = self.rng
        words = [r.choice(ADJECTIVES), r.choice(NOUNS), r.choice(GENITIVES)]
        if r.random() < 0.5:
            words = [r.choice(PREPOSITIONS), *words]
        return words

    def sentence(self) -> tuple[str, int]:
        """A sentence and its word count."""
        r = self.rng
        words = [r.choice(NOUNS), r.choice(GENITIVES)]
        if r.random() < 0.4:
            words.append(r.choice(ABBREVIATIONS))
        words += [r.choice(VERBS)]
        if r.random() < 0.3:
            words.append(r.choice(ADVERBS))
        for _ in range(r.randint(1, 3)):
            words += self.phrase()
            if r.random() < 0.25:
                words[-1] += ","
        words[-1] = words[-1].rstrip(",")
        text = " ".join(words)
        end = "!" if r.random() < 0.05 else "."
        return text[0].upper() + text[1:] + end, len(words)

    def paragraph(self, sentences: int) -> tuple[str, int]:
        parts = [self.sentence() for _ in range(sentences)]
        return " ".join(part for part, _ in parts), sum(count for _, count in parts)

    def title(self) -> str:
        r = self.rng
        words = [r.choice(ADJECTIVES), r.choice(NOUNS), *self.phrase()]
        if r.random() < 0.3:
            words.append(r.choice(ABBREVIATIONS))
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def heading(self) -> str:
        text = " ".join(self.phrase())
        return text[0].upper() + text[1:]

    def bullet(self) -> str:
        r = self.rng
        return f"{r.choice(VERBS)} {' '.join(self.phrase())}"

    def table(self) -> str:
        r = self.rng
        header = r.choice(TABLE_HEADERS)
        rows = [
            f"| {r.choice(NOUNS).capitalize()} {r.choice(GENITIVES)} | {r.randint(1, 400)} "
            f"| {r.choice(ADJECTIVES)} {r.choice(NOUNS)} |"
            for _ in range(r.randint(3, 6))
        ]
        return "\n".join([f"| {' | '.join(header)} |", "| --- | ---: | --- |", *rows])


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small valid PNG: a horizontal gradient from ``rgb`` (stdlib only)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(
        b"\x00"
        + bytes(
            channel
            for x in range(width)
            for channel in ((rgb[0] + x) % 256, (rgb[1] + y) % 256, rgb[2])
        )
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


# --- posts -----------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _flow_list(items: list[str]) -> str:
    return "[" + ", ".join(_quoted(item) for item in items) + "]"


def generate_corpus(count: int, seed: int = DEFAULT_SEED, taxonomy: Taxonomy | None = None):
    """``count`` posts, oldest first; the same arguments always give the same posts."""
    taxonomy = taxonomy or load_taxonomy()
    rng = random.Random(f"{seed}:{count}")
    writer = _Writer(rng)
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + timedelta(days=rng.randint(0, span)) for _ in range(count))
    sources: list[str] = []
    with_picture: list[bool] = []
    for number, day in enumerate(days, start=1):
        name = f"{day.isoformat()}-{rng.choice(SLUG_WORDS)}-{number:05d}"
        picture = rng.randrange(PICTURE_EVERY) == 0
        with_picture.append(picture)
        sources.append(
            f"news/{day.year}/{name}/index.md" if picture else f"news/{day.year}/{name}.md"
        )
    titles = [writer.title() for _ in range(count)]
    return [
        _post(writer, taxonomy, index, days[index], sources, titles, with_picture[index])
        for index in range(count)
    ]


def _post(
    writer: _Writer,
    taxonomy: Taxonomy,
    index: int,
    day: date,
    sources: list[str],
    titles: list[str],
    picture: bool,
) -> CorpusPost:
    r = writer.rng
    source, title = sources[index], titles[index]
    if r.random() < 0.3:
        stamp = _quoted(f"{day.isoformat()} {r.randint(9, 18):02d}:{r.choice((0, 15, 30)):02d}")
    else:
        stamp = day.isoformat()
    category_index = r.randrange(len(taxonomy.category_ids))
    category = (taxonomy.category_ids if r.random() < 0.3 else taxonomy.category_names)[
        category_index
    ]
    meta = [f"title: {_quoted(title)}", f"date: {stamp}", f"category: {_quoted(category)}"]
    municipalities = r.sample(taxonomy.municipality_names, r.choice((0, 1, 1, 2, 3)))
    if municipalities:
        meta.append(f"municipality: {_flow_list(municipalities)}")
    if day.year == PLAN_YEAR and r.random() < 0.7:
        meta.append(f"plan: {_flow_list(r.sample(taxonomy.activity_ids, r.choice((1, 1, 2))))}")
    meta.append(f"tags: {_flow_list(r.sample(TAGS, r.randint(1, 3)))}")
    if r.random() < 0.3:
        meta.append(f"summary: {_quoted(writer.paragraph(1)[0])}")
    if picture:
        meta.append("image: pic.png")
    body = _body(writer, index, sources, titles, picture)
    image = png(96, 64, (r.randrange(256), r.randrange(256), r.randrange(256))) if picture else None
    return CorpusPost(source, title, "\n".join(meta), body, image)


def _body(writer: _Writer, index: int, sources: list[str], titles: list[str], picture: bool) -> str:
    r = writer.rng
    target_words = r.randint(300, 600)
    words = 0
    blocks: list[str] = []

    def paragraph(sentences: int) -> None:
        nonlocal words
        text, count = writer.paragraph(sentences)
        blocks.append(text)
        words += count

    paragraph(r.randint(2, 4))
    blocks.append(f"## {writer.heading()}")
    paragraph(r.randint(2, 3))
    bullets = [writer.bullet() for _ in range(r.randint(3, 6))]
    blocks.append("\n".join(f"- {bullet};" for bullet in bullets))
    words += sum(len(bullet.split()) for bullet in bullets)
    if len(sources) > 1:
        other = r.randrange(len(sources) - 1)
        other += other >= index
        link = posixpath.relpath(sources[other], posixpath.dirname(sources[index]))
        blocks.append(f"Подробнее — в записи «[{titles[other]}]({link})».")
    if r.random() < 0.3:
        blocks.append("Материалы — на [сайте ВСМС](https://www.vsmsinfo.ru/).")
    blocks.append(f"## {writer.heading()}")
    blocks.append(writer.table())
    if picture:
        blocks.append(f"![{writer.heading()}](pic.png)")
    while words < target_words:
        if r.random() < 0.15:
            blocks.append(f"### {writer.heading()}")
        paragraph(r.randint(2, 5))
    return "\n\n".join(blocks) + "\n"


# --- projects --------------------------------------------------------------------------------


def write_news(posts: list[CorpusPost], root: Path, *, plansite: bool) -> None:
    """Post files under ``root`` (``news/…`` relative): plansite posts, or bare MkDocs pages."""
    for post in posts:
        path = root / post.source
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = post.front_matter if plansite else f"title: {_quoted(post.title)}"
        path.write_text(f"---\n{meta}\n---\n\n{post.body}", encoding="utf-8")
        if post.picture is not None:
            (path.parent / "pic.png").write_bytes(post.picture)


def write_plansite_project(target: Path, posts: list[CorpusPost], source: Path = ROOT) -> Path:
    """A copy of the real project whose ``news/`` holds only ``posts``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, target / part, ignore=IGNORED)
        elif path.exists():
            shutil.copy2(path, target / part)
    write_news(posts, target, plansite=True)
    return target


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml even if it uses tags such as ``!ENV`` (their values are dropped)."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def real_markdown_extensions(source: Path = ROOT) -> list:
    config = yaml.load((source / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    return config.get("markdown_extensions") or []


def bare_config(source: Path = ROOT) -> dict:
    """The floor's mkdocs.yml: Material, search, the real Markdown extensions, no hooks.

    ``nav`` lists the home page only and ``not_in_nav`` holds ``/news/``, as in the real
    mkdocs.yml: without them MkDocs would put every post in every page's navigation, which
    grows the site as N² and would make the floor slower than the site it is the floor for.
    """
    return {
        "site_name": "Floor",
        "theme": {"name": "material", "language": "ru", "font": False},
        "plugins": [{"search": {"lang": "ru"}}],
        "markdown_extensions": real_markdown_extensions(source),
        "nav": ["index.md"],
        "not_in_nav": "/news/",
    }


def write_bare_project(target: Path, posts: list[CorpusPost], source: Path = ROOT) -> Path:
    """A bare MkDocs + Material project with the same post bodies under ``docs/news/``."""
    docs = target / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_dump(bare_config(source), allow_unicode=True, sort_keys=False)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    (docs / "index.md").write_text("# Главная\n\nНовости лежат в news/.\n", encoding="utf-8")
    write_news(posts, docs, plansite=False)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000, help="number of posts (1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True, help="folder to create")
    parser.add_argument("--bare", action="store_true", help="write the floor project instead")
    args = parser.parse_args()
    posts = generate_corpus(args.posts, args.seed)
    if args.bare:
        write_bare_project(args.out, posts)
    else:
        write_plansite_project(args.out, posts)
    print(f"{args.out}: {len(posts)} posts; build with SOURCE_DATE_EPOCH={BUILD_EPOCH}")


if __name__ == "__main__":
    main()
