"""The iCalendar feed: which events each period kind yields, exact dates, UIDs, escaping."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, datetime, time, timedelta, timezone

import pytest
from icalendar import Calendar

from plansite.model import Activity, Event, Organization, Plan, PlanData, Section
from plansite.periods import Period, PeriodKind
from plansite.periods.runs import contiguous_runs, regular_chunks
from plansite.render.ics import build_calendar, month_end_exclusive, regular_label

SITE = "https://example.org/sub/"
STAMP = datetime(2019, 3, 1, 12, 30, tzinfo=timezone.utc)
NASTY_TITLE = 'Урок <script>&, ; "quotes"\x07\nвторая строка'
SECTION_TITLE = "Организационная работа, заседания; отчёты"


def period(kind: PeriodKind, months=(), dates=(), interval=None, year=2019) -> Period:
    return Period(kind=kind, year=year, months=tuple(months), dates=tuple(dates), interval=interval)


def activity(activity_id: str, title: str, when: str, per: Period, events=()) -> Activity:
    return Activity(
        id=activity_id,
        title=title,
        when=when,
        period=per,
        responsible=("Президиум", "Совет, молодёжная секция"),
        section_id="org",
        events=tuple(events),
    )


ACTIVITIES_2019 = (
    activity(
        "thematic-lessons",
        "Тематические уроки",
        "апрель",
        period(PeriodKind.MONTH, [4]),
        events=(
            Event(date(2019, 4, 19), "Урок в школе № 1", time(10, 0), "Школа № 1, ул. Ленина, 5"),
            Event(date(2019, 4, 19), "Урок в школе № 2"),
            Event(date(2019, 4, 25), "Урок в колледже", place="Колледж"),
        ),
    ),
    activity(
        "summer-camp", "Летний лагерь", "июнь – сентябрь", period(PeriodKind.RANGE, [6, 7, 8, 9])
    ),
    activity("year-end", "Подведение итогов", "декабрь", period(PeriodKind.MONTH, [12])),
    activity("reports", "Отчёты", "март, апрель, сентябрь", period(PeriodKind.LIST, [3, 4, 9])),
    activity("spring-review", "Обзор", "II квартал", period(PeriodKind.QUARTER, [4, 5, 6])),
    activity(
        "autumn-plan", "План осени", "II полугодие", period(PeriodKind.HALF_YEAR, range(7, 13))
    ),
    activity("site-news", "Новости сайта", "весь период", period(PeriodKind.WHOLE, range(1, 13))),
    activity(
        "monthly", "Отчёт", "ежемесячно", period(PeriodKind.REGULAR, range(1, 13), interval=1)
    ),
    activity(
        "presidium-meetings",
        "Заседания президиума",
        "ежеквартально",
        period(PeriodKind.REGULAR, range(1, 13), interval=3),
    ),
    activity(
        "audits",
        "Ревизия",
        "не реже 1-го раза в 6 месяцев",
        period(PeriodKind.REGULAR, range(1, 13), interval=6),
    ),
    activity(
        "bimonthly",
        "Рассылка",
        "раз в 2 месяца",
        period(PeriodKind.REGULAR, range(1, 13), interval=2),
    ),
    activity(
        "conference",
        "Конференция",
        "21–22 мая",
        period(PeriodKind.DATES, [5], dates=[date(2019, 5, 21), date(2019, 5, 22)]),
        events=(Event(date(2019, 5, 22), "Пленарное заседание", time(11, 30), "Актовый зал"),),
    ),
    activity(
        "report-deadline",
        "Сдать отчёт",
        "до 15 марта",
        period(PeriodKind.DEADLINE, [3], dates=[date(2019, 3, 15)]),
    ),
    activity("nasty", NASTY_TITLE, "май", period(PeriodKind.MONTH, [5])),
)

ACTIVITIES_2020 = (
    activity(
        "thematic-lessons", "Тематические уроки", "апрель", period(PeriodKind.MONTH, [4], year=2020)
    ),
)


def make_data(activities_2019=ACTIVITIES_2019) -> PlanData:
    organization = Organization(
        name="Смоленское региональное отделение",
        short_name="СРО",
        about="О нас",
        press_contact="press@example.org",
    )
    plans = (
        Plan(2019, "План на 2019 год", (Section("org", SECTION_TITLE, tuple(activities_2019)),)),
        Plan(2020, "План на 2020 год", (Section("org", SECTION_TITLE, ACTIVITIES_2020),)),
    )
    return PlanData(organization=organization, glossary=(), plans=plans)


def url(activity_id: str, year: int = 2019) -> str:
    return f"https://example.org/sub/plan/{year}/{activity_id}/"


@pytest.fixture(scope="module")
def raw() -> bytes:
    return build_calendar(make_data(), SITE, STAMP)


@pytest.fixture(scope="module")
def calendar(raw: bytes) -> Calendar:
    return Calendar.from_ical(raw)


@pytest.fixture(scope="module")
def events(calendar: Calendar) -> dict[str, Calendar]:
    """VEVENTs by UID."""
    return {str(vevent["uid"]): vevent for vevent in calendar.walk("VEVENT")}


def span(vevent) -> tuple[date, date]:
    return vevent.decoded("dtstart"), vevent.decoded("dtend")


def uids_of(events: dict, activity_id: str, year: int = 2019) -> list[str]:
    return sorted(
        uid for uid, vevent in events.items() if str(vevent["url"]) == url(activity_id, year)
    )


# Counts and absence


def test_event_count_per_activity(events):
    counts = Counter(str(vevent["url"]) for vevent in events.values())
    assert counts == {
        url("thematic-lessons"): 4,  # the month + three dated events
        url("summer-camp"): 1,
        url("year-end"): 1,
        url("reports"): 2,  # runs March–April and September
        url("spring-review"): 1,
        url("autumn-plan"): 1,
        url("monthly"): 12,
        url("presidium-meetings"): 4,
        url("audits"): 2,
        url("bimonthly"): 6,
        url("conference"): 2,  # 21 May all-day + the timed event on 22 May
        url("report-deadline"): 1,
        url("nasty"): 1,
        url("thematic-lessons", 2020): 1,
    }


def test_whole_period_activity_is_left_out(raw, events):
    assert url("site-news").encode() not in raw
    assert not any(uid.startswith("2019-site-news") for uid in events)


def test_no_rrule_anywhere(raw, calendar):
    assert b"RRULE" not in raw
    assert all("RRULE" not in vevent for vevent in calendar.walk("VEVENT"))


# Exact dates of period events


@pytest.mark.parametrize(
    ("uid", "start", "end"),
    [
        ("2019-thematic-lessons@plansite", date(2019, 4, 1), date(2019, 5, 1)),
        ("2019-year-end@plansite", date(2019, 12, 1), date(2020, 1, 1)),
        ("2019-summer-camp@plansite", date(2019, 6, 1), date(2019, 10, 1)),
        ("2019-spring-review@plansite", date(2019, 4, 1), date(2019, 7, 1)),
        ("2019-autumn-plan@plansite", date(2019, 7, 1), date(2020, 1, 1)),
        ("2019-reports-m03-04@plansite", date(2019, 3, 1), date(2019, 5, 1)),
        ("2019-reports-m09@plansite", date(2019, 9, 1), date(2019, 10, 1)),
        ("2019-report-deadline-deadline@plansite", date(2019, 3, 15), date(2019, 3, 16)),
        ("2019-conference-date-2019-05-21@plansite", date(2019, 5, 21), date(2019, 5, 22)),
        ("2020-thematic-lessons@plansite", date(2020, 4, 1), date(2020, 5, 1)),
    ],
)
def test_all_day_spans(events, uid, start, end):
    vevent = events[uid]
    assert span(vevent) == (start, end)
    assert type(vevent.decoded("dtstart")) is date
    assert vevent["dtstart"].params["VALUE"] == "DATE"


def test_all_day_lines_are_value_date(raw):
    assert b"DTSTART;VALUE=DATE:20190401\r\n" in raw
    assert b"DTEND;VALUE=DATE:20190501\r\n" in raw
    assert b"DTEND;VALUE=DATE:20200101\r\n" in raw


def test_quarterly_regular_events(events):
    expected = {
        "2019-presidium-meetings-q1@plansite": (date(2019, 1, 1), date(2019, 4, 1), "I"),
        "2019-presidium-meetings-q2@plansite": (date(2019, 4, 1), date(2019, 7, 1), "II"),
        "2019-presidium-meetings-q3@plansite": (date(2019, 7, 1), date(2019, 10, 1), "III"),
        "2019-presidium-meetings-q4@plansite": (date(2019, 10, 1), date(2020, 1, 1), "IV"),
    }
    assert uids_of(events, "presidium-meetings") == sorted(expected)
    for uid, (start, end, roman) in expected.items():
        assert span(events[uid]) == (start, end)
        assert str(events[uid]["summary"]) == f"Заседания президиума — {roman} квартал"


def test_half_yearly_regular_events(events):
    assert span(events["2019-audits-h1@plansite"]) == (date(2019, 1, 1), date(2019, 7, 1))
    assert span(events["2019-audits-h2@plansite"]) == (date(2019, 7, 1), date(2020, 1, 1))
    assert str(events["2019-audits-h1@plansite"]["summary"]) == "Ревизия — I полугодие"
    assert str(events["2019-audits-h2@plansite"]["summary"]) == "Ревизия — II полугодие"


def test_monthly_regular_events(events):
    uids = [f"2019-monthly-m{month:02d}@plansite" for month in range(1, 13)]
    assert uids_of(events, "monthly") == uids
    assert span(events[uids[0]]) == (date(2019, 1, 1), date(2019, 2, 1))
    assert span(events[uids[-1]]) == (date(2019, 12, 1), date(2020, 1, 1))
    assert str(events[uids[0]]["summary"]) == "Отчёт — Январь"
    assert str(events[uids[4]]["summary"]) == "Отчёт — Май"


def test_bimonthly_regular_events(events):
    first = events["2019-bimonthly-m01-02@plansite"]
    last = events["2019-bimonthly-m11-12@plansite"]
    assert span(first) == (date(2019, 1, 1), date(2019, 3, 1))
    assert span(last) == (date(2019, 11, 1), date(2020, 1, 1))
    assert str(first["summary"]) == "Рассылка — январь – февраль"
    assert str(last["summary"]) == "Рассылка — ноябрь – декабрь"


def test_deadline_summary(events):
    assert str(events["2019-report-deadline-deadline@plansite"]["summary"]) == "Срок: Сдать отчёт"


def test_dates_day_with_its_own_event_is_not_duplicated(events):
    assert uids_of(events, "conference") == [
        "2019-conference-date-2019-05-21@plansite",
        "2019-conference-event-2019-05-22-1@plansite",
    ]


# Dated events


def test_timed_event_is_in_moscow_time_for_two_hours(events, raw):
    vevent = events["2019-thematic-lessons-event-2019-04-19-1@plansite"]
    assert vevent["dtstart"].params["TZID"] == "Europe/Moscow"
    assert vevent["dtend"].params["TZID"] == "Europe/Moscow"
    start, end = span(vevent)
    assert start.utcoffset() == timedelta(hours=3)
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        datetime(2019, 4, 19, 10, 0),
        datetime(2019, 4, 19, 12, 0),
    )
    assert b"DTSTART;TZID=Europe/Moscow:20190419T100000\r\n" in raw
    assert str(vevent["location"]) == "Школа № 1, ул. Ленина, 5"
    assert str(vevent["summary"]) == "Урок в школе № 1"


def test_untimed_events_are_all_day_and_numbered_per_day(events):
    second = events["2019-thematic-lessons-event-2019-04-19-2@plansite"]
    assert span(second) == (date(2019, 4, 19), date(2019, 4, 20))
    assert "location" not in second
    other_day = events["2019-thematic-lessons-event-2019-04-25-1@plansite"]
    assert span(other_day) == (date(2019, 4, 25), date(2019, 4, 26))
    assert str(other_day["location"]) == "Колледж"


def test_event_description_names_activity_and_period(events):
    description = str(events["2019-thematic-lessons-event-2019-04-19-1@plansite"]["description"])
    assert description.splitlines() == [
        "Тематические уроки",
        "Когда: в апреле",
        "Срок по плану: апрель",
        "Ответственные: Президиум; Совет, молодёжная секция",
        f"Раздел плана: {SECTION_TITLE}",
        f"Подробнее: {url('thematic-lessons')}",
    ]


# Shared properties


def test_transparency(events):
    opaque = {uid for uid, vevent in events.items() if str(vevent["transp"]) == "OPAQUE"}
    transparent = {uid for uid, vevent in events.items() if str(vevent["transp"]) == "TRANSPARENT"}
    assert opaque | transparent == set(events)
    assert opaque == {
        "2019-thematic-lessons-event-2019-04-19-1@plansite",
        "2019-thematic-lessons-event-2019-04-19-2@plansite",
        "2019-thematic-lessons-event-2019-04-25-1@plansite",
        "2019-conference-event-2019-05-22-1@plansite",
        "2019-conference-date-2019-05-21@plansite",
    }


def test_period_event_properties(events):
    vevent = events["2019-summer-camp@plansite"]
    assert str(vevent["summary"]) == "Летний лагерь"
    assert str(vevent["url"]) == url("summer-camp")
    assert [str(c) for c in vevent["categories"].cats] == ["План 2019", "Мероприятие плана"]
    assert str(vevent["description"]).splitlines() == [
        "Когда: с июня по сентябрь",
        "Срок по плану: июнь – сентябрь",
        "Ответственные: Президиум; Совет, молодёжная секция",
        f"Раздел плана: {SECTION_TITLE}",
        f"Подробнее: {url('summer-camp')}",
    ]


def test_every_event_is_stamped_with_the_build_time(events):
    assert {vevent.decoded("dtstamp") for vevent in events.values()} == {STAMP}


def test_stamp_in_another_zone_is_written_as_utc():
    moscow_stamp = STAMP.astimezone(timezone(timedelta(hours=3)))
    assert build_calendar(make_data(), SITE, moscow_stamp) == build_calendar(
        make_data(), SITE, STAMP
    )


def test_naive_stamp_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        build_calendar(make_data(), SITE, datetime(2019, 3, 1))


def test_uid_examples(events):
    assert {
        "2019-thematic-lessons@plansite",
        "2019-presidium-meetings-q2@plansite",
        "2019-thematic-lessons-event-2019-04-19-1@plansite",
        "2020-thematic-lessons@plansite",
    } <= set(events)


def test_uids_do_not_depend_on_titles(events):
    renamed = tuple(
        dataclasses.replace(
            a,
            title=a.title + " (исправлено)",
            events=tuple(dataclasses.replace(e, title="Другое") for e in a.events),
        )
        for a in ACTIVITIES_2019
    )
    renamed_raw = build_calendar(make_data(renamed), SITE, STAMP)
    renamed_uids = {str(v["uid"]) for v in Calendar.from_ical(renamed_raw).walk("VEVENT")}
    assert renamed_uids == set(events)
    assert renamed_raw != build_calendar(make_data(), SITE, STAMP)


def test_duplicate_uids_are_refused():
    twice = (*ACTIVITIES_2019, ACTIVITIES_2019[0])
    with pytest.raises(ValueError, match="2019-thematic-lessons@plansite"):
        build_calendar(make_data(twice), SITE, STAMP)


# Calendar level


def test_calendar_properties(calendar, raw):
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//plansite//СРО//RU"
    assert str(calendar["calscale"]) == "GREGORIAN"
    assert str(calendar["method"]) == "PUBLISH"
    assert str(calendar["x-wr-calname"]) == "СРО: план работы"
    assert "Смоленское региональное отделение" in str(calendar["x-wr-caldesc"])
    assert str(calendar["x-wr-timezone"]) == "Europe/Moscow"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in raw
    assert b"\r\nX-PUBLISHED-TTL:PT12H\r\n" in raw


def test_moscow_timezone_component(calendar, raw):
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["tzid"]) == "Europe/Moscow"
    observances = vtimezone.walk("STANDARD")
    assert observances
    assert not vtimezone.walk("DAYLIGHT")
    assert {o.decoded("tzoffsetto") for o in observances} == {timedelta(hours=3)}
    assert {str(o["tzname"]) for o in observances} == {"MSK"}
    assert raw.index(b"BEGIN:VTIMEZONE") < raw.index(b"BEGIN:VEVENT")
    assert not calendar.get_missing_tzids()


def test_output_is_byte_identical(raw):
    assert build_calendar(make_data(), SITE, STAMP) == raw


def test_crlf_line_endings(raw):
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_events_are_sorted_by_start(calendar):
    starts = [vevent.decoded("dtstart") for vevent in calendar.walk("VEVENT")]
    days = [s.date() if isinstance(s, datetime) else s for s in starts]
    assert days == sorted(days)


def test_nasty_title_is_escaped_and_cleaned(events, raw):
    vevent = events["2019-nasty@plansite"]
    assert str(vevent["summary"]) == 'Урок <script>&, ; "quotes" вторая строка'
    assert b"\x07" not in raw
    assert 'SUMMARY:Урок <script>&\\, \\; "quotes" вторая строка'.encode() in raw.replace(
        b"\r\n ", b""
    )


def test_control_characters_in_every_text_field():
    dirty = "Плохой\x00 текст\x1b,\r\nвторая; строка\x7f"
    nasty_event = Event(date(2019, 6, 3), dirty, time(9, 0), dirty)
    dirty_activity = dataclasses.replace(
        ACTIVITIES_2019[0], id="dirty", title=dirty, when=dirty, events=(nasty_event,)
    )
    raw = build_calendar(make_data((dirty_activity,)), SITE, STAMP)
    assert not any(byte < 0x20 and byte not in b"\r\n" for byte in raw.replace(b"\r\n", b""))
    assert b"\x7f" not in raw
    vevent = {str(v["uid"]): v for v in Calendar.from_ical(raw).walk("VEVENT")}[
        "2019-dirty-event-2019-06-03-1@plansite"
    ]
    assert str(vevent["summary"]) == "Плохой текст, вторая; строка"
    assert str(vevent["location"]) == "Плохой текст, вторая; строка"
    assert str(vevent["description"]).splitlines()[:2] == ["Плохой текст,", "вторая; строка"]


# Helpers


def test_month_end_exclusive():
    assert month_end_exclusive(2019, 4) == date(2019, 5, 1)
    assert month_end_exclusive(2019, 12) == date(2020, 1, 1)


def test_contiguous_runs():
    assert contiguous_runs((3, 9)) == [(3, 3), (9, 9)]
    assert contiguous_runs((3, 4, 5, 9, 11, 12)) == [(3, 5), (9, 9), (11, 12)]
    assert contiguous_runs(()) == []


def test_regular_chunks():
    assert regular_chunks(3, ()) == [(1, 3), (4, 6), (7, 9), (10, 12)]
    assert regular_chunks(5, tuple(range(1, 13))) == [(1, 5), (6, 10), (11, 12)]
    assert regular_chunks(1, (9, 10)) == [(9, 9), (10, 10)]
    assert regular_chunks(12, ()) == [(1, 12)]


def test_regular_labels():
    assert regular_label(1, 1, 1) == "Январь"
    assert regular_label(3, 10, 12) == "IV квартал"
    assert regular_label(6, 1, 6) == "I полугодие"
    assert regular_label(4, 5, 8) == "май – август"
    assert regular_label(12, 1, 12) == "январь – декабрь"
