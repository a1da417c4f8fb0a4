"""A broken data/plan.yaml stops the real `mkdocs build`: every problem is printed as
``data/plan.yaml:LINE: FIELD: message``, with «Сайт не собран» and no Python traceback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, run_mkdocs
from plansite.load.plan import PLAN_FILE, load_plan_data

SOURCE = (ROOT / PLAN_FILE).read_text(encoding="utf-8")
PLAN = load_plan_data(ROOT).current_plan
PERIOD_EXAMPLES = (
    "«апрель», «июнь – сентябрь», «март, сентябрь», «II квартал», «I полугодие», "
    "«весь период», «ежемесячно», «не реже 1 раза в 3 месяца», «15 апреля», «21–22 мая», "
    "«до 15 марта»"
)
MONTHS_HINT = (
    "Если срок записан свободным текстом, оставьте его и добавьте поле «months» со списком "
    "месяцев, например «months: [3, 9]»."
)


def activity_path(activity_id: str) -> str:
    """``plans[0].sections[S].activities[A]`` of an activity of the shipped plan."""
    for s, section in enumerate(PLAN.sections):
        for a, activity in enumerate(section.activities):
            if activity.id == activity_id:
                return f"plans[0].sections[{s}].activities[{a}]"
    raise AssertionError(activity_id)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    numbers = [n for n, row in enumerate(text.split("\n"), start=1) if needle in row]
    assert len(numbers) >= occurrence, needle
    return numbers[occurrence - 1]


@dataclass(frozen=True)
class Mistake:
    """One mistake made in the shipped plan and the problem it must produce."""

    name: str
    apply: Callable[[str], str]
    needle: str
    """Text on the line the problem must point at (after the change)."""
    field: str
    message: str
    occurrence: int = 1

    def expected(self, text: str) -> str:
        line = line_of(text, self.needle, self.occurrence)
        return f"{PLAN_FILE}:{line}: {self.field}: {self.message}"


UNKNOWN_KEY = Mistake(
    "unknown-key",
    lambda text: replace_once(
        text, "            when: ноябрь\n", "            when: ноябрь\n            titel: x\n"
    ),
    "titel: x",
    f"{activity_path('my-choice-business-game')}.titel",
    "неизвестное поле. Возможно, имелось в виду «title».",
)
BAD_PERIOD = Mistake(
    "bad-period",
    lambda text: replace_once(text, "when: октябрь", "when: когда-нибудь"),
    "when: когда-нибудь",
    f"{activity_path('tos-congress')}.when",
    f"Не удалось понять срок «когда-нибудь». Допустимые записи, например: {PERIOD_EXAMPLES}. "
    f"{MONTHS_HINT}",
)
DUPLICATE_ID = Mistake(
    "duplicate-id",
    lambda text: replace_once(text, "id: contacts-database", "id: thematic-lessons"),
    "id: thematic-lessons",
    f"{activity_path('contacts-database')}.id",
    "идентификатор «thematic-lessons» уже встречается выше: каждое значение должно быть "
    "уникальным.",
    occurrence=2,
)
EVENT_OUTSIDE_YEAR = Mistake(
    "event-outside-year",
    lambda text: replace_once(
        text,
        "            when: апрель\n",
        "            when: апрель\n"
        "            events:\n"
        "              - date: 2020-04-19\n"
        '                time: "10:00"\n'
        "                title: Урок в школе № 1\n",
    ),
    "date: 2020-04-19",
    f"{activity_path('thematic-lessons')}.events[0].date",
    "дата 2020-04-19 вне года плана (2019): исправьте год или перенесите мероприятие в план "
    "2020 года.",
)
YAML_TAB = Mistake(
    "yaml-tab",
    lambda text: replace_once(text, "    title: План работы", "\ttitle: План работы"),
    "\ttitle: План работы",
    "YAML",
    "ошибка разметки YAML: в отступе стоит символ табуляции: замените его пробелами.",
)


def break_plan(project: Path, *mistakes: Mistake) -> str:
    text = SOURCE
    for mistake in mistakes:
        text = mistake.apply(text)
    (project / PLAN_FILE).write_text(text, encoding="utf-8")
    return text


def reported(output: str) -> list[str]:
    """The problem lines of the build output, without the log level prefix."""
    return [
        row[row.index(PLAN_FILE) :].rstrip()
        for row in output.splitlines()
        if f"{PLAN_FILE}:" in row
    ]


def assert_failed_cleanly(build, expected: list[str], count_words: str) -> None:
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    assert reported(build.output) == expected, build.output
    for problem in expected:
        assert f"ERROR   -  {problem}" in build.output.splitlines()
    assert (
        f"Сайт не собран: {count_words} в данных (см. выше). Исправьте и сохраните файл."
        in build.output
    )


@pytest.mark.parametrize(
    "mistake",
    [UNKNOWN_KEY, BAD_PERIOD, DUPLICATE_ID, EVENT_OUTSIDE_YEAR, YAML_TAB],
    ids=lambda mistake: mistake.name,
)
def test_one_mistake_stops_the_build(project, mistake):
    text = break_plan(project, mistake)
    build = run_mkdocs(project)
    assert_failed_cleanly(build, [mistake.expected(text)], "1 ошибка")
    assert not (build.site / "index.html").exists()


def test_three_mistakes_are_all_printed(project):
    mistakes = (BAD_PERIOD, EVENT_OUTSIDE_YEAR, UNKNOWN_KEY)
    text = break_plan(project, *mistakes)
    build = run_mkdocs(project)
    expected = sorted(
        (mistake.expected(text) for mistake in mistakes),
        key=lambda problem: int(problem.split(":")[1]),
    )
    assert len(set(expected)) == 3
    assert_failed_cleanly(build, expected, "3 ошибки")


def test_failed_build_keeps_the_last_good_site(project):
    good = run_mkdocs(project)
    assert good.returncode == 0, good.output
    before = (good.site / "index.html").read_bytes()
    text = break_plan(project, BAD_PERIOD)
    broken = run_mkdocs(project)
    assert_failed_cleanly(broken, [BAD_PERIOD.expected(text)], "1 ошибка")
    assert (broken.site / "index.html").read_bytes() == before
    assert (broken.site / "plan" / "2019" / "tos-congress" / "index.html").exists()
