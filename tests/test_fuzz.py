"""Fuzzing the loaders: arbitrary input never crashes them, and what loads reads back as written.

Whatever an editor saves — any text, any bytes, a front matter with one field typed wrong, odd
line endings, a BOM, pasted control characters, a misplaced ``---`` — loading ends in one of
two ways: the post (or plan) loads, or :class:`ProblemsFound` lists problems that each name the
file, a line inside it, a field and a Russian message. Any other exception is a bug.

What does load keeps what the editor wrote: a generated valid post gives back its title,
date, category, municipalities, plan links and tags; a plan activity's ``when`` that parses
round-trips through :func:`describe_period`. ``tests/test_periods.py`` fuzzes the period
grammar itself; here arbitrary text goes through the loaders, YAML and all.

Product bugs once found by fuzzing are pinned by the regression tests at the end; the
properties above stay green by keeping their inputs short (file names under 255 bytes, no deep
nesting) and dates within 1900–2100.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, example, given, note, settings
from hypothesis import strategies as st

from conftest import ROOT
from plansite.load.news import NewsData, load_news
from plansite.load.plan import PLAN_FILE, load_plan_data
from plansite.load.taxonomy import Taxonomy, load_taxonomy
from plansite.load.textfile import MAX_FILE_BYTES, decode_text, remove_control_chars
from plansite.load.unicode import nfc
from plansite.model import Municipality, PlanData, PostStatus
from plansite.periods import describe_period, parse_period
from plansite.problems import Problem, ProblemLog, ProblemsFound

MOSCOW = ZoneInfo("Europe/Moscow")
BUILD_TIME = datetime(2020, 1, 1, tzinfo=timezone.utc)
"""After every generated 2019 post: none is scheduled."""
PLAN_YEAR = 2019
POST = "news/2019/2019-05-05-fuzz.md"
CYRILLIC = re.compile("[А-Яа-яЁё]")
LINE_BREAKS = re.compile("\r\n|[\n\r\u2028\u2029]")
"""Line breaks as the loaders count them (the Unicode separators become ``\\n``)."""
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Every character :func:`remove_control_chars` removes or replaces."""
BLANK_FIELD_MESSAGES = ("неизвестное поле", "указано дважды")
"""The one known blank-field bug (see ``test_an_empty_key_is_named_in_the_problem``)."""


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# --------------------------------------------------------------------------- workspaces


@dataclass(frozen=True)
class NewsProject:
    """A project whose news/ holds one post file, rewritten for every example."""

    root: Path
    plan_data: PlanData
    taxonomy: Taxonomy

    def load(self, raw: bytes) -> NewsData | ProblemsFound:
        (self.root / POST).write_bytes(raw)
        try:
            return load_news(self.root, self.plan_data, self.taxonomy, BUILD_TIME)
        except ProblemsFound as found:
            return found


@pytest.fixture(scope="session")
def news_project(tmp_path_factory: pytest.TempPathFactory) -> NewsProject:
    root = tmp_path_factory.mktemp("fuzz-news") / "project"
    shutil.copytree(ROOT / "data", root / "data")
    folder = root / "news" / "2019"
    (folder / "img").mkdir(parents=True)
    shutil.copy(ROOT / "news" / "2019" / "lessons.png", folder / "pic.png")
    shutil.copy(ROOT / "news" / "2019" / "lessons.png", folder / "img" / "a.png")
    return NewsProject(root, load_plan_data(root), load_taxonomy(root))


@dataclass(frozen=True)
class PlanProject:
    """A project whose data/plan.yaml is the shipped one with one line rewritten."""

    root: Path
    lines: tuple[str, ...]
    when_index: int
    """0-based index of the first activity's ``when:`` line."""

    @property
    def when_line(self) -> int:
        return self.when_index + 1

    def load(self, when_value: str) -> PlanData | ProblemsFound:
        lines = list(self.lines)
        prefix = lines[self.when_index].split("when:")[0]
        lines[self.when_index] = f"{prefix}when: {when_value}"
        (self.root / PLAN_FILE).write_text("\n".join(lines), encoding="utf-8")
        try:
            return load_plan_data(self.root)
        except ProblemsFound as found:
            return found


WHEN_FIELD = "plans[0].sections[0].activities[0].when"


@pytest.fixture(scope="session")
def plan_project(tmp_path_factory: pytest.TempPathFactory) -> PlanProject:
    root = tmp_path_factory.mktemp("fuzz-plan") / "project"
    shutil.copytree(ROOT / "data", root / "data")
    lines = tuple((ROOT / PLAN_FILE).read_text(encoding="utf-8").split("\n"))
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("when:"))
    project = PlanProject(root, lines, index)
    first = load_plan_data(root).plans[0].sections[0].activities[0]
    assert first.source_line == project.when_line - 2  # «- id:», «title:», then «when:»
    return project


# --------------------------------------------------------------------------- the properties


def fuzz_load(project: NewsProject | PlanProject, raw_or_text):
    """``project.load(...)``: loaded data or ProblemsFound, never another exception."""
    return project.load(raw_or_text)


def line_count(raw: bytes) -> int:
    """How many lines the file has, counting every kind of line break the loaders count."""
    text = raw.decode("utf-8-sig", errors="replace")
    return max(len(LINE_BREAKS.split(text)), raw.count(b"\n") + 1)


def is_known_blank_field(problem: Problem) -> bool:
    return not problem.field.strip() and any(m in problem.message for m in BLANK_FIELD_MESSAGES)


def assert_clean_problems(found: ProblemsFound, file: str, raw: bytes) -> None:
    """Every problem names the file, a line inside it, a field and says what is wrong in Russian."""
    assert found.problems, "ProblemsFound without problems"
    last_line = line_count(raw) + 1
    for problem in found.problems:
        shown = str(problem)
        assert problem.file == file, shown
        assert 1 <= problem.line <= last_line, f"line outside 1…{last_line}: {shown}"
        assert problem.field.strip() or is_known_blank_field(problem), f"no field: {shown}"
        assert problem.message.strip(), f"no message: {shown}"
        assert CYRILLIC.search(problem.message), f"message not in Russian: {shown}"


def assert_clean_news_outcome(outcome: NewsData | ProblemsFound, raw: bytes) -> None:
    if isinstance(outcome, ProblemsFound):
        note("\n".join(str(problem) for problem in outcome.problems))
        field = outcome.problems[0].field.split("[")[0]
        event(f"problem in {field if field.isascii() or CYRILLIC.match(field) else '…'}")
        assert_clean_problems(outcome, POST, raw)
        return
    event("loaded")
    assert [post.source for post in outcome.posts] == [POST]
    post = outcome.posts[0]
    assert post.title.strip() and post.title == " ".join(post.title.split())
    assert post.published.tzinfo is not None


# --------------------------------------------------------------------------- strategies

any_char = st.characters(exclude_categories=["Cs"])
"""Any Unicode scalar value, astral planes and control characters included."""
short_text = st.text(any_char, max_size=40)
astral_chars = st.characters(min_codepoint=0x10000, exclude_categories=["Cs"])
control_chars = st.sampled_from(
    [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))]
    + ["\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\u200b", "\u00a0", "\u3000"]
)
YAML_TOKENS = (
    *":#-[]{}&*!|>'\"%@`,?\\ \t\n",
    *("---", "- ", ": ", " #", "...", "&a ", "!", "!!str ", "!!binary ", "!!null ", "<<: ", "? "),
    *("~", "null", "yes", "no", "on", "0x1F", "1e3", ".nan", "-.inf", "0o17", "1_000"),
    *("2019-02-30", "2019-05-05 10:30", "2019-05-05T10:30:00Z", "12:30", "тест", "Ё"),
)
# «!!int », «!!float » … are left out: a mismatched explicit tag crashes the loader, a known
# bug pinned by test_a_mismatched_yaml_tag_is_a_problem.
yaml_soup = st.lists(st.sampled_from(YAML_TOKENS), max_size=10).map("".join)
fixed_offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    short_text,
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.datetimes(
        min_value=datetime(1900, 1, 1),
        max_value=datetime(2100, 12, 31),
        timezones=st.none() | fixed_offsets,
    ),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(any_char, min_size=1, max_size=10), children, max_size=3)
    ),
    max_leaves=6,
)


def dumped(value: object) -> str:
    """A Python value as a YAML flow value (what an editor might type by mistake)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6)
    return text.removesuffix("\n").removesuffix("\n...").rstrip("\n")


field_values = st.one_of(
    short_text,  # raw, unquoted: anything goes
    yaml_soup,
    yaml_values.map(dumped),
    short_text.map(lambda text: json.dumps(text, ensure_ascii=False)),  # a quoted text
    st.text(astral_chars, min_size=1, max_size=10),
)

BASE_FIELDS = {
    "title": "Тематические уроки ко Дню МСУ",
    "date": "2019-05-05",
    "category": "Деятельность отделения",
    "municipality": "[Вяземский район, Сафоновский]",
    "plan": "[thematic-lessons]",
    "tags": "[школы, молодёжь]",
    "summary": "Кратко о главном.",
    "image": "pic.png",
    "draft": "false",
}
BODIES = (
    "Текст записи со [ссылкой](img/a.png) и картинкой ![фото](pic.png).",
    "",
    "   ",
    "## Подзаголовок\n\n- пункт\n- пункт\n\n[запись](2019-05-05-fuzz.md)",
    "![нет такой](missing.png) [файл](img/) [вне](../../data/plan.yaml) [сайт](www.example.ru)",
    "<script>alert(1)</script><a href='javascript:alert(1)'>x</a> [a](C:\\photo.jpg)",
)
DASH_VARIANTS = ("--", "----", "—", "–––", " --- ", "---\t", "- - -", "***", "...", "---x")


@st.composite
def near_valid_posts(draw: st.DrawFn) -> bytes:
    """A valid post with one or two fields broken, then mangled the ways editors mangle files."""
    fields = dict(BASE_FIELDS)
    for _ in range(draw(st.integers(1, 2))):
        key = draw(st.sampled_from(sorted(fields)))
        action = draw(st.sampled_from(["replace", "replace", "replace", "drop", "rename", "add"]))
        if action == "replace":
            fields[key] = draw(field_values)
        elif action == "drop":
            del fields[key]
        elif action == "rename":
            fields[draw(short_text | yaml_soup)] = fields.pop(key)
        else:
            fields[draw(short_text | yaml_soup)] = draw(field_values)
    field_lines = [f"{key}: {value}" for key, value in fields.items()]
    if draw(st.booleans()):  # a field written twice
        twice = draw(st.sampled_from(field_lines or ["x: 1"]))
        field_lines.insert(draw(st.integers(0, len(field_lines))), twice)
    body = draw(st.sampled_from(BODIES) | short_text)
    lines = ["---", *field_lines, "---", "", *body.split("\n")]
    closing = len(field_lines) + 1

    dashes = draw(st.sampled_from(["keep"] * 12 + ["drop-first", "drop-closing", "move", "extra"]))
    if dashes == "drop-first":
        lines.pop(0)
    elif dashes == "drop-closing":
        lines[closing] = draw(st.sampled_from(DASH_VARIANTS))
    elif dashes == "move":
        lines.pop(closing)
        lines.insert(draw(st.integers(1, len(lines))), "---")
    elif dashes == "extra":
        lines.insert(draw(st.integers(0, len(lines))), "---")
    text = "\n".join(lines)

    for _ in range(draw(st.integers(0, 3))):  # pasted invisible or exotic characters
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(control_chars | astral_chars | any_char) + text[at:]
    ending = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if ending == "mixed":
        text = "".join(
            draw(st.sampled_from(["\n", "\r\n", "\r"])) if ch == "\n" else ch for ch in text
        )
    else:
        text = text.replace("\n", ending)
    if draw(st.booleans()):
        text = "\ufeff" + text
    encoding = draw(st.sampled_from(["utf-8"] * 18 + ["cp1251", "utf-16"]))
    return text.encode(encoding, errors="replace")


# --------------------------------------------------------------------------- (a) never a crash


@fuzz_settings(120)
@given(text=st.text(any_char))
@example(text="")
@example(text="---")
@example(text="---\n---\n")
@example(text="---\n\n---\nТекст")
@example(text="\ufeff---\r\ntitle: x\r\n---\r\n")
@example(text="---\n- a\n- b\n---\nТекст")
@example(text="---\n'': 1\n---\nТекст")
def test_arbitrary_text_loads_or_fails_cleanly(news_project: NewsProject, text: str) -> None:
    raw = text.encode("utf-8")
    assert_clean_news_outcome(fuzz_load(news_project, raw), raw)


@fuzz_settings(80)
@given(raw=st.binary(max_size=300))
@example(raw=b"\xff\xfe-\x00-\x00-\x00")
@example(raw=b"---\ntitle: \xcf\xf0\xe8\xe2\xe5\xf2\n---\n")
@example(raw=b"---\x00\n")
def test_arbitrary_bytes_load_or_fail_cleanly(news_project: NewsProject, raw: bytes) -> None:
    assert_clean_news_outcome(fuzz_load(news_project, raw), raw)


@fuzz_settings(250)
@given(raw=near_valid_posts())
@example(
    raw="\n".join(["---", *(f"{k}: {v}" for k, v in BASE_FIELDS.items()), "---", "", "Т"]).encode()
)
@example(raw=b"---\ntitle: x\ndate: 2019-02-30\ncategory: branch\n---\n\xd0\xa2\n")
@example(raw=b"---\ntitle: [a\ndate: 2019-05-05\ncategory: branch\n---\nT\n")
@example(raw=b"---\r\ntitle: x\rdate: 2019-05-05\r\ncategory: branch\n---\n\xe2\x80\xa8T")
def test_near_valid_posts_load_or_fail_cleanly(news_project: NewsProject, raw: bytes) -> None:
    assert_clean_news_outcome(fuzz_load(news_project, raw), raw)


def test_the_unbroken_base_post_loads(news_project: NewsProject) -> None:
    """The strategy's starting point is valid: the fuzzing above breaks a working post."""
    raw = "\n".join(
        ["---", *(f"{k}: {v}" for k, v in BASE_FIELDS.items()), "---", "", BODIES[0]]
    ).encode()
    outcome = news_project.load(raw)
    assert isinstance(outcome, NewsData), outcome
    post = outcome.posts[0]
    assert (post.title, [ref.activity_id for ref in post.plan_refs], post.image) == (
        BASE_FIELDS["title"],
        ["thematic-lessons"],
        "pic.png",
    )


# --------------------------------------------------------------------------- (b) round trip

title_chars = st.characters(exclude_categories=["Cs"], exclude_characters="\n\r\u2028\u2029\x00")
"""Anything on one line, control characters included (the loader removes them); not NUL,
which marks the whole file as not text."""


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, written as literally as possible."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def collapsed(text: str) -> str:
    """What the loader keeps of a one-line text: control characters out, whitespace collapsed."""
    return " ".join(remove_control_chars(text)[0].split())


@dataclass(frozen=True)
class ValidPost:
    raw: bytes
    title: str
    published: datetime
    date_only: bool
    category_id: str
    municipalities: tuple[str, ...]
    activity_ids: tuple[str, ...]
    tags: tuple[str, ...]
    summary: str | None
    draft: bool


def _spellings(municipality: Municipality) -> list[str]:
    bare = municipality.name.removesuffix(" район").removeprefix("город ")
    return [municipality.name, municipality.id, municipality.name.upper(), bare, bare.lower()]


@st.composite
def valid_posts(draw: st.DrawFn, project: NewsProject) -> ValidPost:
    title = draw(st.text(title_chars, min_size=1, max_size=120))
    assume(collapsed(title))
    day = draw(st.dates(min_value=date(PLAN_YEAR, 1, 1), max_value=date(PLAN_YEAR, 12, 31)))
    moment = draw(st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)))
    offset = draw(st.none() | st.sampled_from([0, 3, 5, -4]))
    if moment is None:
        date_line, published = f"date: {day.isoformat()}", datetime.combine(day, time(), MOSCOW)
    elif offset is None:
        date_line = f'date: "{day.isoformat()} {moment:%H:%M}"'
        published = datetime.combine(day, moment, MOSCOW)
    else:
        zone = timezone(timedelta(hours=offset))
        published = datetime.combine(day, moment, zone)
        date_line = f"date: {published.isoformat()}"  # a YAML timestamp with its zone

    category = draw(st.sampled_from(project.taxonomy.categories))
    category_text = draw(
        st.sampled_from([category.name, category.id, category.name.upper(), category.name.lower()])
    )
    chosen = draw(st.lists(st.sampled_from(project.taxonomy.municipalities), max_size=4))
    spelled = [draw(st.sampled_from(_spellings(item))) for item in chosen]
    plan = project.plan_data.plan_for(PLAN_YEAR)
    assert plan is not None
    activities = draw(st.lists(st.sampled_from([a.id for a in plan.activities]), max_size=3))
    tags = draw(st.lists(st.text(title_chars, min_size=1, max_size=20), max_size=4))
    assume(all(collapsed(tag) for tag in tags))
    summary = draw(st.none() | st.text(title_chars, min_size=1, max_size=80))
    assume(summary is None or collapsed(summary))
    draft = draw(st.booleans())

    lines = ["---", f"title: {yaml_quoted(title)}", date_line, f"category: {category_text}"]
    if spelled:
        lines.append(f"municipality: [{', '.join(spelled)}]")
    if activities:
        lines.append(f"plan: [{', '.join(activities)}]")
    if tags:
        lines.append(f"tags: [{', '.join(yaml_quoted(tag) for tag in tags)}]")
    if summary is not None:
        lines.append(f"summary: {yaml_quoted(summary)}")
    if draft or draw(st.booleans()):
        lines.append(f"draft: {str(draft).lower()}")
    fields = lines[1:]
    draw(st.randoms()).shuffle(fields)  # the order of fields does not matter
    lines = ["---", *fields, "---", "", "Текст записи.", ""]
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    raw = (bom + ending.join(lines)).encode("utf-8")
    return ValidPost(
        raw=raw,
        title=collapsed(title),
        published=published,
        date_only=moment is None,
        category_id=category.id,
        municipalities=tuple(dict.fromkeys(item.id for item in chosen)),
        activity_ids=tuple(dict.fromkeys(activities)),
        tags=tuple(dict.fromkeys(collapsed(tag) for tag in tags)),
        summary=None if summary is None else collapsed(summary),
        draft=draft,
    )


@fuzz_settings(150)
@given(data=st.data())
def test_valid_posts_read_back_as_written(news_project: NewsProject, data: st.DataObject) -> None:
    expected = data.draw(valid_posts(news_project))
    note(expected.raw.decode("utf-8"))
    outcome = fuzz_load(news_project, expected.raw)
    assert isinstance(outcome, NewsData), str(outcome)
    (post,) = outcome.posts
    assert post.title == expected.title
    assert post.published == expected.published
    assert post.published.utcoffset() == timedelta(hours=3), "shown in Moscow time"
    assert post.date_only is expected.date_only
    assert post.category.id == expected.category_id
    assert tuple(item.id for item in post.municipalities) == expected.municipalities
    assert tuple(ref.activity_id for ref in post.plan_refs) == expected.activity_ids
    assert {ref.year for ref in post.plan_refs} <= {post.published.year}
    assert post.tags == expected.tags
    assert post.summary == expected.summary
    assert post.status is (PostStatus.DRAFT if expected.draft else PostStatus.PUBLISHED)


# --------------------------------------------------------------------------- (c) decoding

encoded_texts = st.tuples(
    st.text(any_char, max_size=100), st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16"])
).map(lambda pair: pair[0].encode(pair[1], errors="replace"))
prefixed_bytes = st.tuples(
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\r", b"\r\n"]),
    st.binary(max_size=100),
).map(b"".join)


@fuzz_settings(300)
@given(raw=st.binary() | encoded_texts | prefixed_bytes)
@example(raw=b"x" * (MAX_FILE_BYTES + 1))
@example(raw="Привет\r\nмир\rи всё".encode("cp1251"))
@example(raw=b"\xef\xbb\xbf\xef\xbb\xbfa")
@example(raw="\U0002f800".encode())  # a compatibility ideograph: NFC makes it U+4E3D
def test_decode_text_never_crashes(raw: bytes) -> None:
    log = ProblemLog("news/x.md")
    text = decode_text(raw, log)
    if text is None:
        assert len(log.problems) == 1
        (problem,) = log.problems
        assert problem.field in ("файл", "кодировка")
        assert 1 <= problem.line <= raw.count(b"\n") + 1
        assert CYRILLIC.search(problem.message)
        return
    assert not log.problems
    assert "\r" not in text and "\x00" not in text
    lines = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    assert text == nfc(lines)  # one spelling of «й», see load/unicode.py


@fuzz_settings(200)
@given(text=st.text(any_char))
def test_remove_control_chars_leaves_only_text(text: str) -> None:
    cleaned, removed = remove_control_chars(text)
    assert not CONTROL.findall(cleaned)
    assert removed == len(CONTROL.findall(text))
    assert remove_control_chars(cleaned) == (cleaned, 0)
    assert len(cleaned) <= len(text)


# --------------------------------------------------------------------------- (d) plan periods

MONTHS = ("январь", "февраля", "марте", "апрель", "мая", "июнь", "сентября", "декабре", "сент.")
PERIOD_WORDS = (
    *MONTHS,
    *("1", "2", "15", "21", "22", "31", "30", "2019", "2020", "1-го", "I", "II", "IV", "первое"),
    *("в", "с", "по", "до", "и", "но", "не реже", "раз", "раза", "не позднее", "конца"),
    *("квартал", "полугодие", "месяцев", "месяца", "весь период", "в течение года"),
    *("ежемесячно", "ежеквартально", "по мере необходимости", ",", "–", "-", ".", "г."),
)
period_salad = st.lists(
    st.tuples(st.sampled_from(PERIOD_WORDS), st.sampled_from(["", " ", ", ", " – ", "\t"])),
    max_size=6,
).map(lambda words: "".join(word + separator for word, separator in words))
period_texts = st.one_of(
    st.text(any_char),
    period_salad,
    st.sampled_from(
        (
            "апрель",
            "июнь – сентябрь",
            "II полугодие",
            "весь период",
            "не реже 1-го раза в 6 месяцев",
            "21–22 мая",
            "до 15 марта",
            "I, III квартал",
            "март, сентябрь",
        )
    ),
)


def yaml_escaped(text: str) -> str:
    """``text`` as a YAML double-quoted scalar with every non-printable character escaped."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif (
            0x20 <= code <= 0x7E
            or 0xA0 <= code <= 0xD7FF
            or (0xE000 <= code <= 0xFFFD and ch != "\ufeff")
            or code >= 0x10000
        ) and ch not in "\u2028\u2029":
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def assert_periods_round_trip(data: PlanData) -> None:
    for plan in data.plans:
        for activity in plan.activities:
            period = activity.period
            assert period.year == plan.year
            shown = describe_period(period)
            assert parse_period(shown, plan.year) == period, (activity.when, shown)


@fuzz_settings(130)
@given(text=period_texts)
@example(text="")
@example(text="  ")
@example(text="по мере необходимости")
@example(text="апрель\x00")
@example(text="до 31 декабря 2019 г.")
def test_any_when_text_loads_and_round_trips_or_is_a_problem_at_its_line(
    plan_project: PlanProject, text: str
) -> None:
    value = yaml_escaped(text)
    note(value)
    outcome = fuzz_load(plan_project, value)
    event("problem" if isinstance(outcome, ProblemsFound) else "loaded")
    if isinstance(outcome, ProblemsFound):
        note("\n".join(str(problem) for problem in outcome.problems))
        for problem in outcome.problems:
            assert (problem.file, problem.line, problem.field) == (
                PLAN_FILE,
                plan_project.when_line,
                WHEN_FIELD,
            ), str(problem)
            assert CYRILLIC.search(problem.message), str(problem)
        return
    activity = outcome.plans[0].sections[0].activities[0]
    assert activity.when == " ".join(nfc(remove_control_chars(text)[0]).split())
    assert activity.period == parse_period(activity.when, PLAN_YEAR)
    assert parse_period(describe_period(activity.period), PLAN_YEAR) == activity.period
    assert_periods_round_trip(outcome)


@fuzz_settings(100)
@given(text=period_texts | yaml_soup | short_text)
@example(text="[апрель]")
@example(text="апрель\n  months: [3]")
@example(text="|\n  апрель")
def test_raw_when_text_loads_or_fails_cleanly(plan_project: PlanProject, text: str) -> None:
    outcome = fuzz_load(plan_project, text)
    raw = (plan_project.root / PLAN_FILE).read_bytes()
    event("problem" if isinstance(outcome, ProblemsFound) else "loaded")
    if isinstance(outcome, ProblemsFound):
        note("\n".join(str(problem) for problem in outcome.problems))
        assert_clean_problems(outcome, PLAN_FILE, raw)
        return
    assert_periods_round_trip(outcome)


# --------------------------------------------------------------------------- known bugs

FRONT = "title: Уроки\ncategory: branch\n"


def load_front(project: NewsProject, front: str, body: str = "Текст.\n") -> ProblemsFound:
    """Problems of a post with this front matter; fails if it loads."""
    raw = f"---\n{front}---\n\n{body}".encode()
    outcome = project.load(raw)
    assert isinstance(outcome, ProblemsFound), "loaded"
    assert_clean_problems(outcome, POST, raw)
    return outcome


@pytest.mark.parametrize(
    "date_value",
    ["0001-01-01 00:00:00+05:00", '"0001-01-01T00:00+05:00"', "9999-12-31 23:59:59-12:00"],
    ids=["year-1-timestamp", "year-1-text", "year-9999-timestamp"],
)
def test_a_date_at_the_edge_of_the_calendar_is_a_problem(
    news_project: NewsProject, date_value: str
) -> None:
    found = load_front(news_project, f"{FRONT}date: {date_value}\n")
    assert [problem.field for problem in found.problems] == ["date"]


@pytest.mark.parametrize(
    ("field", "front", "body"),
    [
        ("image", f"image: {'a' * 300}.png\n", "Текст.\n"),
        ("текст", "", f"![фото]({'ф' * 200}.png)\n"),
    ],
    ids=["image", "body-picture"],
)
def test_a_too_long_file_name_is_a_problem(
    news_project: NewsProject, field: str, front: str, body: str
) -> None:
    found = load_front(news_project, f"{FRONT}date: 2019-05-05\n{front}", body)
    assert [problem.field for problem in found.problems] == [field]


def test_a_deeply_nested_list_in_the_body_does_not_crash(news_project: NewsProject) -> None:
    raw = f"---\n{FRONT}date: 2019-05-05\n---\n\n{'- ' * 1000}x\n".encode()
    outcome = news_project.load(raw)
    if isinstance(outcome, ProblemsFound):
        assert_clean_problems(outcome, POST, raw)


@pytest.mark.parametrize("where", ["post", "plan"])
def test_deeply_nested_yaml_is_a_problem(
    news_project: NewsProject, plan_project: PlanProject, where: str
) -> None:
    nested = "[" * 1000 + "]" * 1000
    if where == "post":
        load_front(news_project, f"{FRONT}date: 2019-05-05\nsummary: {nested}\n")
    else:
        outcome = plan_project.load(nested)
        assert isinstance(outcome, ProblemsFound)


def test_aliases_keep_problem_lines_and_take_linear_time(news_project: NewsProject) -> None:
    doubling = "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 13))
    front = f"{FRONT}date: 2019-05-05\na0: &a0 [1]\n{doubling}tags: *a0\n"
    found = load_front(news_project, front)
    tag_lines = {p.line for p in found.problems if p.field.startswith("tags")}
    assert tag_lines == {5}, sorted(found.problems)


MISMATCHED_TAGS = (
    "!!int ;",
    "!!int 08",
    "!!int",
    "!!float x",
    "!!bool maybe",
    "!!timestamp x",
    "!!map x",
    "!!seq x",
    "!!set [a]",
)


@pytest.mark.parametrize("where", ["post", "plan"])
@pytest.mark.parametrize("value", MISMATCHED_TAGS)
def test_a_mismatched_yaml_tag_is_a_problem(
    news_project: NewsProject, plan_project: PlanProject, where: str, value: str
) -> None:
    if where == "post":
        found = load_front(news_project, f"{FRONT}date: 2019-05-05\nsummary: {value}\n")
        assert [problem.line for problem in found.problems] == [5]
    else:
        outcome = plan_project.load(value)
        assert isinstance(outcome, ProblemsFound)
        assert [problem.line for problem in outcome.problems] == [plan_project.when_line]


@pytest.mark.parametrize("key", ["''", "' '", '""'], ids=["empty", "space", "empty-double"])
def test_an_empty_key_is_named_in_the_problem(news_project: NewsProject, key: str) -> None:
    found = load_front(news_project, f"{FRONT}date: 2019-05-05\n{key}: 1\n{key}: 2\n")
    assert found.problems
    assert all(problem.field.strip() for problem in found.problems), [
        str(problem) for problem in found.problems
    ]
