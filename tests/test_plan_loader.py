"""Loading data/plan.yaml: every mistake an editor can make, worded exactly, with its line."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from plansite.load.plan import PLAN_FILE, load_plan_data, parse_plan_data
from plansite.model import PlanData
from plansite.periods import PeriodError, PeriodKind, parse_period
from plansite.problems import ProblemLog, ProblemsFound

ROOT = Path(__file__).resolve().parent.parent

PLAN = """\
organization:
  name: Смоленское региональное отделение ВСМС
  short_name: Смоленское РО ВСМС
  about: Отделение ВСМС в Смоленской области.
  press_contact: press@smolensk-vsms.example
glossary:
  - abbr: ВСМС
    meaning: Всероссийский Совет местного самоуправления
plans:
  - year: 2019
    title: План работы на 2019 год
    sections:
      - id: methodology
        title: Методическая работа
        activities:
          - id: thematic-lessons
            title: Тематические уроки
            when: апрель
            responsible:
              - РО ВСМС
          - id: seminar-meeting
            title: Семинар-совещание
            when: II полугодие
            responsible:
              - Президиум РС ВСМС
      - id: media
        title: Работа со СМИ
        activities:
          - id: media-coverage
            title: Освещение в СМИ
            when: весь период
            responsible:
              - Президиум РС ВСМС
              - РО ВСМС
"""
"""A valid plan: one year, two sections, three activities."""

LESSONS = "plans[0].sections[0].activities[0]"
SEMINAR = "plans[0].sections[0].activities[1]"
COVERAGE = "plans[0].sections[1].activities[0]"
SAVE_AS_UTF8 = (
    "Откройте файл в редакторе (например, «Блокнот») и сохраните его в кодировке UTF-8 "
    "(«Файл → Сохранить как → Кодировка: UTF-8»)."
)
PERIOD_EXAMPLES = (
    "«апрель», «июнь – сентябрь», «март, сентябрь», «II квартал», «I полугодие», "
    "«весь период», «ежемесячно», «не реже 1 раза в 3 месяца», «15 апреля», «21–22 мая», "
    "«до 15 марта»"
)
MONTHS_HINT = (
    "Если срок записан свободным текстом, оставьте его и добавьте поле «months» со списком "
    "месяцев, например «months: [3, 9]»."
)
BAD_ID = (
    "не подходит для адреса страницы: используйте строчные латинские буквы, цифры и дефис, "
    "например «thematic-lessons»."
)
UNIQUE = "уже встречается выше: каждое значение должно быть уникальным."


def edit(old: str, new: str, text: str = PLAN) -> str:
    """``text`` with the one occurrence of ``old`` replaced."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line(text: str, needle: str, occurrence: int = 1, whole: bool = False) -> int:
    """The 1-based number of the ``occurrence``-th line of ``text`` containing ``needle``
    (or, with ``whole``, consisting of it apart from the indentation and a list dash)."""
    numbers = [
        n
        for n, row in enumerate(text.split("\n"), start=1)
        if (row.strip().removeprefix("- ") == needle if whole else needle in row)
    ]
    assert len(numbers) >= occurrence, needle
    return numbers[occurrence - 1]


def parse(text: str) -> tuple[PlanData | None, list[str]]:
    log = ProblemLog(PLAN_FILE)
    data = parse_plan_data(text, log)
    return data, sorted(str(problem) for problem in log.problems)


def problems(text: str) -> list[str]:
    data, found = parse(text)
    assert data is None, "a plan with problems must not be usable"
    return found


def problem(line_number: int, field: str, message: str) -> str:
    return f"{PLAN_FILE}:{line_number}: {field}: {message}"


def write_plan(project: Path, raw: bytes) -> Path:
    (project / "data").mkdir(parents=True, exist_ok=True)
    (project / PLAN_FILE).write_bytes(raw)
    return project


def load_problems(project: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as raised:
        load_plan_data(project)
    return [str(problem) for problem in raised.value.problems]


# --------------------------------------------------------------------------- a valid plan


def test_valid_minimal_plan_loads_without_problems():
    data, found = parse(PLAN)
    assert found == []
    assert data is not None
    assert data.organization.name == "Смоленское региональное отделение ВСМС"
    assert data.organization.short_name == "Смоленское РО ВСМС"
    assert [(t.abbr, t.meaning) for t in data.glossary] == [
        ("ВСМС", "Всероссийский Совет местного самоуправления")
    ]
    (plan,) = data.plans
    assert (plan.year, plan.title) == (2019, "План работы на 2019 год")
    assert [s.id for s in plan.sections] == ["methodology", "media"]
    assert [a.id for a in plan.activities] == [
        "thematic-lessons",
        "seminar-meeting",
        "media-coverage",
    ]
    lessons, seminar, coverage = plan.activities
    assert lessons.section_id == "methodology" and coverage.section_id == "media"
    assert lessons.period.kind is PeriodKind.MONTH and lessons.period.months == (4,)
    assert seminar.period.kind is PeriodKind.HALF_YEAR
    assert seminar.period.months == (7, 8, 9, 10, 11, 12)
    assert coverage.period.kind is PeriodKind.WHOLE
    assert coverage.responsible == ("Президиум РС ВСМС", "РО ВСМС")
    assert lessons.source_line == line(PLAN, "- id: thematic-lessons")
    assert data.current_plan is plan


def test_single_responsible_text_is_a_list_of_one():
    text = edit(
        "            responsible:\n              - РО ВСМС\n", "            responsible: РО ВСМС\n"
    )
    data, found = parse(text)
    assert found == []
    assert data is not None
    assert data.plans[0].activities[0].responsible == ("РО ВСМС",)


# --------------------------------------------------------------------------- keys


def test_unknown_key_suggests_the_nearest_one():
    text = edit("            title: Семинар-совещание", "            titel: Семинар-совещание")
    assert problems(text) == [
        problem(
            line(text, "- id: seminar-meeting"),
            f"{SEMINAR}.title",
            "обязательное поле отсутствует: добавьте строку «title: …».",
        ),
        problem(
            line(text, "titel:"),
            f"{SEMINAR}.titel",
            "неизвестное поле. Возможно, имелось в виду «title».",
        ),
    ]


def test_unknown_top_level_key_suggests_plans():
    text = edit("plans:\n", "plan:\n")
    assert problems(text) == [
        problem(1, "plans", "обязательное поле отсутствует: добавьте строку «plans: …»."),
        problem(line(text, "plan:"), "plan", "неизвестное поле. Возможно, имелось в виду «plans»."),
    ]


def test_unknown_key_without_a_near_one_lists_the_allowed_keys():
    text = edit(
        "            when: II полугодие\n", "            when: II полугодие\n            zzz: 1\n"
    )
    assert problems(text) == [
        problem(
            line(text, "zzz:"),
            f"{SEMINAR}.zzz",
            "неизвестное поле. Допустимые поля: id, title, when, responsible, months, events.",
        )
    ]


RESPONSIBLE_BLOCK = "            responsible:\n              - Президиум РС ВСМС\n      - id: media"
MISSING = {
    "id": (
        "          - id: seminar-meeting\n            title: Семинар-совещание\n",
        "          - title: Семинар-совещание\n",
        "- title: Семинар-совещание",
    ),
    "title": ("            title: Семинар-совещание\n", "", "- id: seminar-meeting"),
    "when": ("            when: II полугодие\n", "", "- id: seminar-meeting"),
    "responsible": (RESPONSIBLE_BLOCK, "      - id: media", "- id: seminar-meeting"),
}


@pytest.mark.parametrize("key", list(MISSING))
def test_missing_required_activity_field(key):
    old, new, item = MISSING[key]
    text = edit(old, new)
    assert problems(text) == [
        problem(
            line(text, item),
            f"{SEMINAR}.{key}",
            f"обязательное поле отсутствует: добавьте строку «{key}: …».",
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("title: Семинар-совещание", "title:", "title"),
        ("title: Семинар-совещание", 'title: "   "', "title"),
        ("when: II полугодие", "when: ''", "when"),
        ("id: seminar-meeting", "id:", "id"),
    ],
    ids=["title-empty", "title-spaces", "when-empty-quotes", "id-empty"],
)
def test_empty_field(old, new, key):
    text = edit(old, new)
    assert problems(text) == [
        problem(line(text, new, whole=True), f"{SEMINAR}.{key}", "поле пустое: впишите значение.")
    ]


def test_empty_responsible():
    text = edit("            responsible:\n              - РО ВСМС\n", "            responsible:\n")
    assert problems(text) == [
        problem(
            line(text, "responsible:"), f"{LESSONS}.responsible", "поле пустое: впишите значение."
        )
    ]


def test_empty_responsible_list():
    text = edit(
        "            responsible:\n              - РО ВСМС\n", "            responsible: []\n"
    )
    assert problems(text) == [
        problem(line(text, "responsible: []"), f"{LESSONS}.responsible", "список пуст.")
    ]


# --------------------------------------------------------------------------- types


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('"2019"', "текст (2019)"),
        ("две тысячи", "текст (две тысячи)"),
        ("yes", "да/нет (true/false) (True)"),
    ],
)
def test_year_must_be_a_number(value, shown):
    text = edit("year: 2019", f"year: {value}")
    assert problems(text) == [
        problem(
            line(text, "- year:"), "plans[0].year", f"ожидается целое число, а указано: {shown}."
        )
    ]


def test_year_outside_the_supported_range():
    text = edit("year: 2019", "year: 1999")
    assert problems(text) == [
        problem(line(text, "year: 1999"), "plans[0].year", "год 1999 вне 2000–2100.")
    ]


@pytest.mark.parametrize(("key", "old"), [("title", "Семинар-совещание"), ("when", "II полугодие")])
def test_text_field_given_as_a_number(key, old):
    text = edit(f"{key}: {old}", f"{key}: 2019")
    assert problems(text) == [
        problem(
            line(text, f"{key}: 2019"),
            f"{SEMINAR}.{key}",
            "ожидается текст, а указано: целое число (2019). Заключите значение в кавычки.",
        )
    ]


@pytest.mark.parametrize(
    ("replacement", "needle", "field", "message"),
    [
        (
            "            responsible: 42\n      - id: media",
            "responsible: 42",
            f"{SEMINAR}.responsible",
            "ожидается список (строки, начинающиеся с «- »), а указано: целое число.",
        ),
        (
            "            responsible:\n              - 42\n      - id: media",
            "- 42",
            f"{SEMINAR}.responsible[0]",
            "ожидается непустой текст, а указано: целое число.",
        ),
    ],
    ids=["scalar-number", "list-item-number"],
)
def test_responsible_of_wrong_type_gets_only_the_type_message(replacement, needle, field, message):
    text = edit(RESPONSIBLE_BLOCK, replacement)
    assert problems(text) == [problem(line(text, needle), field, message)]


@pytest.mark.parametrize(
    ("value", "shown"),
    [("[a, b]", "список (['a', 'b'])"), ("{a: b}", "набор полей ({'a': 'b'})")],
    ids=["list", "mapping"],
)
def test_text_field_given_as_a_list_or_mapping_names_the_type_in_russian(value, shown):
    text = edit("title: Семинар-совещание", f"title: {value}")
    assert problems(text) == [
        problem(
            line(text, f"title: {value}"),
            f"{SEMINAR}.title",
            f"ожидается текст, а указано: {shown}. Заключите значение в кавычки.",
        )
    ]


def test_file_that_is_a_list_names_the_type_in_russian():
    assert problems("- a\n- b\n") == [
        problem(1, "файл", "ожидается набор полей «имя: значение», а указано: список.")
    ]


# --------------------------------------------------------------------------- ids


def test_duplicate_activity_id_across_sections():
    text = edit("id: media-coverage", "id: thematic-lessons")
    assert problems(text) == [
        problem(
            line(text, "id: thematic-lessons", occurrence=2),
            f"{COVERAGE}.id",
            f"идентификатор «thematic-lessons» {UNIQUE}",
        )
    ]


def test_duplicate_section_id():
    text = edit("      - id: media\n", "      - id: methodology\n")
    assert problems(text) == [
        problem(
            line(text, "- id: methodology", occurrence=2),
            "plans[0].sections[1].id",
            f"идентификатор раздела «methodology» {UNIQUE}",
        )
    ]


def test_duplicate_year():
    second = PLAN[PLAN.index("  - year: 2019") :]
    text = PLAN + second
    assert problems(text) == [
        problem(line(text, "- year: 2019", occurrence=2), "plans[1].year", f"год «2019» {UNIQUE}")
    ]


@pytest.mark.parametrize("bad", ["семинар", "my seminar", "Seminar", "seminar_meeting", "seminar-"])
def test_activity_id_unfit_for_an_address(bad):
    text = edit("id: seminar-meeting", f"id: {bad}")
    assert problems(text) == [
        problem(line(text, f"id: {bad}"), f"{SEMINAR}.id", f"«{bad}» {BAD_ID}")
    ]


def test_section_id_unfit_for_an_address():
    text = edit("id: media\n", "id: СМИ\n")
    assert problems(text) == [
        problem(line(text, "id: СМИ"), "plans[0].sections[1].id", f"«СМИ» {BAD_ID}")
    ]


@pytest.mark.parametrize("reserved", ["report", "index"])
def test_reserved_activity_id(reserved):
    text = edit("id: seminar-meeting", f"id: {reserved}")
    assert problems(text) == [
        problem(
            line(text, f"id: {reserved}"),
            f"{SEMINAR}.id",
            f"«{reserved}» занято служебной страницей: выберите другой идентификатор.",
        )
    ]


def test_duplicate_id_is_reported_even_when_the_first_activity_has_another_problem():
    text = edit("when: апрель", "when: когда-нибудь")
    text = edit("id: media-coverage", "id: thematic-lessons", text)
    found = problems(text)
    assert (
        problem(
            line(text, "id: thematic-lessons", occurrence=2),
            f"{COVERAGE}.id",
            f"идентификатор «thematic-lessons» {UNIQUE}",
        )
        in found
    )
    assert len(found) == 2


# --------------------------------------------------------------------------- periods


def test_unparseable_when_explains_the_grammar_and_suggests_months():
    text = edit("when: II полугодие", "when: когда-нибудь")
    with pytest.raises(PeriodError) as grammar:
        parse_period("когда-нибудь", 2019)
    expected_message = (
        f"Не удалось понять срок «когда-нибудь». Допустимые записи, например: {PERIOD_EXAMPLES}. "
        f"{MONTHS_HINT}"
    )
    assert expected_message == f"{grammar.value} {MONTHS_HINT}"
    assert problems(text) == [
        problem(line(text, "когда-нибудь"), f"{SEMINAR}.when", expected_message)
    ]


def test_impossible_period_passes_the_grammar_reason_on():
    text = edit("when: II полугодие", "when: сентябрь – июнь")
    with pytest.raises(PeriodError) as grammar:
        parse_period("сентябрь – июнь", 2019)
    assert "начальный месяц должен идти раньше конечного" in str(grammar.value)
    assert problems(text) == [
        problem(line(text, "сентябрь – июнь"), f"{SEMINAR}.when", f"{grammar.value} {MONTHS_HINT}")
    ]


def test_months_fix_a_free_form_when():
    text = edit("when: II полугодие", "when: по итогам выборов\n            months: [9, 3]")
    data, found = parse(text)
    assert found == []
    assert data is not None
    seminar = data.plans[0].activities[1]
    assert seminar.when == "по итогам выборов"
    assert seminar.period.kind is PeriodKind.LIST
    assert seminar.period.months == (3, 9)
    assert seminar.period.year == 2019


def test_months_take_precedence_over_a_parseable_when():
    text = edit("when: II полугодие", "when: II полугодие\n            months: [10, 11]")
    data, found = parse(text)
    assert found == []
    assert data is not None
    assert data.plans[0].activities[1].period.months == (10, 11)
    assert data.plans[0].activities[1].period.kind is PeriodKind.RANGE


@pytest.mark.parametrize(
    ("months", "message"),
    [
        ("[3, 13]", "Месяца «13» не бывает: укажите номера месяцев от 1 до 12."),
        ("[0]", "Месяца «0» не бывает: укажите номера месяцев от 1 до 12."),
        ("[]", "ожидается список номеров месяцев от 1 до 12, например «[3, 9]»."),
        ("[март]", "ожидается список номеров месяцев от 1 до 12, например «[3, 9]»."),
        ("март", "ожидается список (строки, начинающиеся с «- »), а указано: текст."),
    ],
    ids=["13", "0", "empty", "names", "not-a-list"],
)
def test_months_out_of_range_or_malformed(months, message):
    text = edit("when: II полугодие", f"when: по итогам выборов\n            months: {months}")
    assert problems(text) == [problem(line(text, "months:"), f"{SEMINAR}.months", message)]


# --------------------------------------------------------------------------- events


def with_event(date_value: str = "2019-04-19", time_value: str = '"10:00"') -> str:
    return edit(
        "            when: апрель\n",
        "            when: апрель\n"
        "            events:\n"
        f"              - date: {date_value}\n"
        f"                time: {time_value}\n"
        "                title: Урок в школе № 1\n"
        "                place: Смоленск\n",
    )


def test_dated_event_loads():
    data, found = parse(with_event())
    assert found == []
    assert data is not None
    (event,) = data.plans[0].activities[0].events
    assert event.date == date(2019, 4, 19)
    assert event.time == time(10, 0)
    assert (event.title, event.place) == ("Урок в школе № 1", "Смоленск")


def test_unquoted_event_time_is_refused_with_advice_to_quote_it():
    # YAML 1.1 reads an unquoted 10:30 as the number 630: quoting is the only safe spelling.
    data, found = parse(with_event(time_value="10:30"))
    assert data is None
    assert [problem.split(": ", 2)[2] for problem in found] == [
        "время «10:30» без кавычек читается как число: заключите его в кавычки, "
        'например «time: "10:00"».'
    ]


def test_event_date_outside_the_plan_year():
    text = with_event("2020-04-19")
    assert problems(text) == [
        problem(
            line(text, "date: 2020-04-19"),
            f"{LESSONS}.events[0].date",
            "дата 2020-04-19 вне года плана (2019): исправьте год или перенесите мероприятие "
            "в план 2020 года.",
        )
    ]


@pytest.mark.parametrize("value", ["2019-02-30", '"2019-02-30"'])
def test_impossible_event_date(value):
    text = with_event(value)
    assert problems(text) == [
        problem(
            line(text, "date:"),
            f"{LESSONS}.events[0].date",
            "даты 2019-02-30 не существует: проверьте число и месяц.",
        )
    ]


def test_event_date_that_is_not_a_date():
    text = with_event("завтра")
    assert problems(text) == [
        problem(
            line(text, "date:"),
            f"{LESSONS}.events[0].date",
            "«завтра» — не дата: пишите год-месяц-день, например «2019-04-19».",
        )
    ]


@pytest.mark.parametrize(("value", "shown"), [("утром", "утром"), ('"25:00"', "25:00")])
def test_event_time_that_is_not_a_time(value, shown):
    text = with_event(time_value=value)
    assert problems(text) == [
        problem(
            line(text, "time:"),
            f"{LESSONS}.events[0].time",
            f'«{shown}» — не время: пишите часы и минуты в кавычках, например «time: "10:00"».',
        )
    ]


# --------------------------------------------------------------------------- YAML syntax


def test_tab_in_indentation():
    text = edit("            title: Семинар-совещание", "\t    title: Семинар-совещание")
    assert problems(text) == [
        problem(
            line(text, "\t"),
            "YAML",
            "ошибка разметки YAML: в отступе стоит символ табуляции: замените его пробелами.",
        )
    ]


@pytest.mark.parametrize("quote", ['"', "'"])
def test_unclosed_quote_points_at_the_line_where_it_opens(quote):
    text = edit("title: Семинар-совещание", f"title: {quote}Семинар-совещание")
    assert problems(text) == [
        problem(
            line(text, f"{quote}Семинар"),
            "YAML",
            "ошибка разметки YAML: не закрыта кавычка: проверьте, что каждая открытая кавычка "
            "закрыта в той же строке.",
        )
    ]


def test_over_indented_line():
    text = edit("            when: II полугодие", "              when: II полугодие")
    assert problems(text) == [
        problem(
            line(text, "when: II полугодие"),
            "YAML",
            "ошибка разметки YAML: лишнее двоеточие или сбитый отступ: если в значении есть "
            "«: », заключите его в кавычки; иначе выровняйте отступ по соседним строкам.",
        )
    ]


def test_under_indented_line():
    text = edit("            when: II полугодие", "           when: II полугодие")
    assert problems(text) == [
        problem(
            line(text, "when: II полугодие"),
            "YAML",
            "ошибка разметки YAML: сбит отступ: выровняйте строку по соседним полям "
            "того же уровня.",
        )
    ]


def test_duplicate_key_in_one_mapping():
    text = edit(
        "            when: II полугодие\n",
        "            when: II полугодие\n            when: I полугодие\n",
    )
    (found,) = problems(text)
    prefix = f"{PLAN_FILE}:{line(text, 'when: I полугодие')}: "
    assert found.startswith(prefix)
    field, message = found.removeprefix(prefix).split(": ", 1)
    assert field == "when" or field == f"{SEMINAR}.when"
    assert message == "поле «when» указано дважды; оставьте одно значение."


@pytest.mark.parametrize("text", ["", "\n\n", "# только комментарий\n"])
def test_empty_file(text):
    assert problems(text) == [
        problem(1, "plans", "файл пуст: в нём должны быть разделы organization и plans.")
    ]


# --------------------------------------------------------------------------- file encodings


def test_file_in_cp1251(tmp_path):
    project = write_plan(tmp_path, PLAN.encode("cp1251"))
    first_non_ascii_line = next(n for n, row in enumerate(PLAN.split("\n"), 1) if not row.isascii())
    assert load_problems(project) == [
        problem(
            first_non_ascii_line,
            "кодировка",
            f"файл сохранён в кодировке Windows-1251 (ANSI), а нужна UTF-8. {SAVE_AS_UTF8}",
        )
    ]


def test_file_in_utf16(tmp_path):
    project = write_plan(tmp_path, PLAN.encode("utf-16"))
    assert load_problems(project) == [
        problem(1, "кодировка", f"файл сохранён в кодировке UTF-16. {SAVE_AS_UTF8}")
    ]


def test_bom_and_crlf_are_accepted(tmp_path):
    project = write_plan(tmp_path, "\ufeff".encode() + PLAN.replace("\n", "\r\n").encode("utf-8"))
    data = load_plan_data(project)
    reference, _ = parse(PLAN)
    assert data == reference
    assert data.organization.name == "Смоленское региональное отделение ВСМС"  # no BOM in it


def test_crlf_file_reports_the_same_lines(tmp_path):
    text = edit("when: II полугодие", "when: когда-нибудь")
    project = write_plan(tmp_path, text.replace("\n", "\r\n").encode("utf-8"))
    assert load_problems(project) == problems(text)


def test_missing_file(tmp_path):
    assert load_problems(tmp_path) == [
        problem(1, "файл", "файл не найден: восстановите его из репозитория.")
    ]


# --------------------------------------------------------------------------- all at once


def test_every_problem_of_a_file_is_reported_together_sorted_by_line(tmp_path):
    text = edit("            title: Семинар-совещание", "            titel: Семинар-совещание")
    text = edit("when: весь период", "when: когда-нибудь", text)
    text = edit("id: media\n", "id: Media\n", text)
    text = edit("  short_name: Смоленское РО ВСМС\n", "  short_name:\n", text)
    project = write_plan(tmp_path, text.encode("utf-8"))
    with pytest.raises(ProblemsFound) as raised:
        load_plan_data(project)
    found = raised.value.problems
    expected = [
        problem(
            line(text, "short_name:"), "organization.short_name", "поле пустое: впишите значение."
        ),
        problem(
            line(text, "- id: seminar-meeting"),
            f"{SEMINAR}.title",
            "обязательное поле отсутствует: добавьте строку «title: …».",
        ),
        problem(
            line(text, "titel:"),
            f"{SEMINAR}.titel",
            "неизвестное поле. Возможно, имелось в виду «title».",
        ),
        problem(line(text, "id: Media"), "plans[0].sections[1].id", f"«Media» {BAD_ID}"),
        problem(
            line(text, "когда-нибудь"),
            f"{COVERAGE}.when",
            f"Не удалось понять срок «когда-нибудь». Допустимые записи, например: "
            f"{PERIOD_EXAMPLES}. {MONTHS_HINT}",
        ),
    ]
    assert [str(p) for p in found] == expected
    assert [p.line for p in found] == sorted(p.line for p in found)
    assert str(raised.value) == "\n".join(expected)


# --------------------------------------------------------------------------- the real plan


@pytest.fixture(scope="module")
def real_data() -> PlanData:
    return load_plan_data(ROOT)


def test_real_plan_has_one_plan_for_2019(real_data):
    assert [plan.year for plan in real_data.plans] == [2019]
    assert real_data.current_plan.year == 2019
    assert real_data.organization.short_name == "Смоленское РО ВСМС"


def test_real_plan_sections_in_document_order(real_data):
    plan = real_data.current_plan
    assert [section.title.split()[0] for section in plan.sections] == [
        "Заседания",
        "Участие",
        "Мероприятия",
        "Мероприятия",
        "Работа",
        "Организационная",
        "Работа",
    ]
    source = (ROOT / PLAN_FILE).read_text(encoding="utf-8")
    positions = [source.index(f"- id: {section.id}\n") for section in plan.sections]
    assert positions == sorted(positions)


def test_real_plan_has_23_activities_in_document_order(real_data):
    activities = real_data.current_plan.activities
    assert len(activities) == 23
    assert len({a.id for a in activities}) == 23
    lines = [a.source_line for a in activities]
    assert lines == sorted(lines)
    source = (ROOT / PLAN_FILE).read_text(encoding="utf-8").split("\n")
    for activity in activities:
        assert source[activity.source_line - 1].strip() == f"- id: {activity.id}"


def test_every_real_when_parses_to_the_loaded_period(real_data):
    for activity in real_data.current_plan.activities:
        assert parse_period(activity.when, 2019) == activity.period, activity.id


def test_real_thematic_lessons_are_in_april(real_data):
    lessons = next(a for a in real_data.current_plan.activities if a.id == "thematic-lessons")
    assert lessons.when == "апрель"
    assert lessons.period.kind is PeriodKind.MONTH
    assert lessons.period.months == (4,)


def test_real_second_half_year_activity_covers_july_to_december(real_data):
    (half,) = [a for a in real_data.current_plan.activities if a.when == "II полугодие"]
    assert half.id == "seminar-meeting"
    assert half.period.kind is PeriodKind.HALF_YEAR
    assert half.period.months == (7, 8, 9, 10, 11, 12)
