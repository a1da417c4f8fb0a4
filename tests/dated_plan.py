"""A copy of the shipped project whose plan has dated events, exact days, a deadline, a list of
months and a quarter: the shipped plan has none of these, and month pages must place them."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_project

EVENTS = """\
            events:
              - date: 2019-04-19
                time: "10:00"
                title: Урок в школе № 1
                place: Смоленск
              - date: 2019-04-19
                title: Урок в школе № 2
              - date: 2019-04-25
                title: Урок в колледже
"""
CHANGED_TERMS = {
    # activity id: (the shipped term, the term in the copy)
    "seminar-meeting": ("II полугодие", "21–22 ноября"),
    "local-government-olympiad": ("май", "до 15 мая"),
    "my-choice-business-game": ("ноябрь", "март, ноябрь"),
    "tos-congress": ("октябрь", "III квартал"),
}


def dated_project(target: Path) -> Path:
    """The shipped project with the changes above written into ``data/plan.yaml``."""
    project = copy_project(target)
    plan_file = project / "data" / "plan.yaml"
    text = plan_file.read_text(encoding="utf-8")
    lessons = "            when: апрель\n"
    assert text.count(lessons) == 1
    text = text.replace(lessons, lessons + EVENTS)
    for shipped, changed in CHANGED_TERMS.values():
        line = f"            when: {shipped}\n"
        assert text.count(line) == 1, shipped
        text = text.replace(line, f"            when: {changed}\n")
    plan_file.write_text(text, encoding="utf-8")
    return project
