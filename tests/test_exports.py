"""The plan downloads: JSON round trip, Excel-friendly CSV and formula neutralisation."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, time

import pytest

from plansite.model import Activity, Event, Organization, Plan, PlanData, Section
from plansite.periods import Period, PeriodKind
from plansite.render.exports import CSV_HEADER, plan_csv, plan_json, safe_cell

SITE = "https://example.org/sub"
NASTY_TITLE = 'Урок <script>&, ; "quotes"\x07'

LESSONS = Activity(
    id="thematic-lessons",
    title="Тематические уроки",
    when="апрель",
    period=Period(PeriodKind.MONTH, 2019, (4,)),
    responsible=("Президиум", "Совет; молодёжная секция"),
    section_id="org",
    events=(
        Event(date(2019, 4, 19), "Урок в школе № 1", time(9, 5), "Школа № 1"),
        Event(date(2019, 4, 25), "Урок в колледже"),
    ),
)
CAMP = Activity(
    id="summer-camp",
    title="Летний лагерь",
    when="июнь – сентябрь",
    period=Period(PeriodKind.RANGE, 2019, (6, 7, 8, 9)),
    responsible=("Совет",),
    section_id="org",
)
MEETINGS = Activity(
    id="presidium-meetings",
    title="Заседания президиума",
    when="ежеквартально",
    period=Period(PeriodKind.REGULAR, 2019, tuple(range(1, 13)), interval=3),
    responsible=(),
    section_id="work",
)
CONFERENCE = Activity(
    id="conference",
    title=NASTY_TITLE,
    when="21–22 мая",
    period=Period(PeriodKind.DATES, 2019, (5,), dates=(date(2019, 5, 21), date(2019, 5, 22))),
    responsible=("Президиум",),
    section_id="work",
)
FORMULA = Activity(
    id="formula",
    title='=HYPERLINK("http://evil";"x")',
    when="-апрель",
    period=Period(PeriodKind.LIST, 2019, (3, 9)),
    responsible=("@Совет", "Президиум"),
    section_id="work",
)
PLAN = Plan(
    2019,
    "План работы на 2019 год",
    (
        Section("org", "Организационная работа", (LESSONS, CAMP)),
        Section("work", "+Работа с молодёжью, отчёты", (MEETINGS, CONFERENCE, FORMULA)),
    ),
)
DATA = PlanData(
    organization=Organization("Смоленское региональное отделение", "СРО", "О нас", "press"),
    glossary=(),
    plans=(PLAN,),
)


def activity_url(activity_id: str) -> str:
    return f"https://example.org/sub/plan/2019/{activity_id}/"


# JSON


@pytest.fixture(scope="module")
def json_bytes() -> bytes:
    return plan_json(DATA, PLAN, SITE)


@pytest.fixture(scope="module")
def document(json_bytes: bytes) -> dict:
    return json.loads(json_bytes.decode("utf-8"))


def test_json_is_readable_utf8_with_trailing_newline(json_bytes):
    text = json_bytes.decode("utf-8")
    assert text.endswith("}\n")
    assert "Тематические уроки" in text  # not \u-escaped
    assert '\n  "organization": {\n    "name": ' in text  # two-space indent


def test_json_top_level(document):
    assert list(document) == ["organization", "year", "title", "url", "sections"]
    assert document["organization"] == {
        "name": "Смоленское региональное отделение",
        "short_name": "СРО",
    }
    assert document["year"] == 2019
    assert document["title"] == "План работы на 2019 год"
    assert document["url"] == "https://example.org/sub/plan/2019/"


def test_json_sections_in_plan_order(document):
    sections = document["sections"]
    assert [(s["id"], s["title"]) for s in sections] == [
        (section.id, section.title) for section in PLAN.sections
    ]
    assert [[a["id"] for a in s["activities"]] for s in sections] == [
        ["thematic-lessons", "summer-camp"],
        ["presidium-meetings", "conference", "formula"],
    ]


def test_json_activity_with_events(document):
    lessons = document["sections"][0]["activities"][0]
    assert lessons == {
        "id": "thematic-lessons",
        "title": "Тематические уроки",
        "when": "апрель",
        "kind": "month",
        "months": [4],
        "dates": [],
        "interval": None,
        "responsible": ["Президиум", "Совет; молодёжная секция"],
        "events": [
            {
                "date": "2019-04-19",
                "time": "09:05",
                "title": "Урок в школе № 1",
                "place": "Школа № 1",
            },
            {"date": "2019-04-25", "time": None, "title": "Урок в колледже", "place": None},
        ],
        "url": activity_url("thematic-lessons"),
    }
    assert list(lessons) == [
        "id",
        "title",
        "when",
        "kind",
        "months",
        "dates",
        "interval",
        "responsible",
        "events",
        "url",
    ]


def test_json_round_trips_every_activity(document):
    activities = [a for section in document["sections"] for a in section["activities"]]
    assert len(activities) == len(PLAN.activities)
    for parsed, original in zip(activities, PLAN.activities, strict=True):
        assert parsed["title"] == original.title
        assert parsed["when"] == original.when
        assert parsed["kind"] == original.period.kind.value
        assert parsed["months"] == list(original.period.months)
        assert parsed["dates"] == [d.isoformat() for d in original.period.dates]
        assert parsed["interval"] == original.period.interval
        assert parsed["responsible"] == list(original.responsible)
        assert parsed["url"] == activity_url(original.id)


def test_json_regular_and_dates(document):
    meetings, conference, _ = document["sections"][1]["activities"]
    assert (meetings["kind"], meetings["interval"], meetings["months"]) == (
        "regular",
        3,
        list(range(1, 13)),
    )
    assert conference["dates"] == ["2019-05-21", "2019-05-22"]
    assert conference["title"] == NASTY_TITLE


def test_json_is_deterministic(json_bytes):
    assert plan_json(DATA, PLAN, SITE) == json_bytes
    assert plan_json(DATA, PLAN, SITE + "/") == json_bytes


# CSV


@pytest.fixture(scope="module")
def csv_bytes() -> bytes:
    return plan_csv(PLAN, SITE)


@pytest.fixture(scope="module")
def rows(csv_bytes: bytes) -> list[list[str]]:
    text = csv_bytes.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_starts_with_bom(csv_bytes):
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    assert not csv_bytes.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")


def test_csv_uses_crlf_and_semicolons(csv_bytes):
    assert csv_bytes.count(b"\n") == csv_bytes.count(b"\r\n") == len(PLAN.activities) + 1
    first_line = csv_bytes.decode("utf-8-sig").split("\r\n")[0]
    assert first_line == "Раздел;Мероприятие;Срок (как в плане);Месяцы;Ответственные;Адрес"


def test_csv_header(rows):
    assert rows[0] == list(CSV_HEADER)


def test_csv_rows(rows):
    assert rows[1:] == [
        [
            "Организационная работа",
            "Тематические уроки",
            "апрель",
            "4",
            "Президиум; Совет; молодёжная секция",
            activity_url("thematic-lessons"),
        ],
        [
            "Организационная работа",
            "Летний лагерь",
            "июнь – сентябрь",
            "6, 7, 8, 9",
            "Совет",
            activity_url("summer-camp"),
        ],
        [
            "'+Работа с молодёжью, отчёты",
            "Заседания президиума",
            "ежеквартально",
            "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12",
            "",
            activity_url("presidium-meetings"),
        ],
        [
            "'+Работа с молодёжью, отчёты",
            NASTY_TITLE,
            "21–22 мая",
            "5",
            "Президиум",
            activity_url("conference"),
        ],
        [
            "'+Работа с молодёжью, отчёты",
            '\'=HYPERLINK("http://evil";"x")',
            "'-апрель",
            "3, 9",
            "'@Совет; Президиум",
            activity_url("formula"),
        ],
    ]


def test_csv_no_cell_can_start_a_formula(rows):
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_is_deterministic(csv_bytes):
    assert plan_csv(PLAN, SITE) == csv_bytes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+7 900", "'+7 900"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tтаб", "'\tтаб"),
        ("\rвозврат", "'\rвозврат"),
        ("Обычный текст", "Обычный текст"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_cell(text, expected):
    assert safe_cell(text) == expected
