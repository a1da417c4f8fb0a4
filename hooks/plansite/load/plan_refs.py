"""The values of a post's ``plan`` field: which plan activities it reports on.

A value is an activity id of the plan of the post's own year (``thematic-lessons``) or, for
a report on another year's activity (a January post about December's meeting), the plan's
year and the id joined by a slash (``2019/regional-council-meetings``). The reader in
:data:`plansite.load.post_fields.POST_FIELDS` calls these functions, so the loader and
``plansite new`` accept and refuse the same values with the same words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from plansite.load.fields import suggestion
from plansite.model import PlanData, PlanRef
from plansite.problems import Refused

_QUALIFIED = re.compile(r"^(\d{4})/([^/\s]+)$")
EXAMPLE_ID = "thematic-lessons"
SEPARATOR = "/"


def is_qualified(written: str) -> bool:
    """Whether a value names its plan's year (``2019/id``)."""
    return SEPARATOR in written


def plan_ref_text(ref: PlanRef, post_year: int | None) -> str:
    """The value as an editor writes it: the bare id for the post's own year."""
    return ref.activity_id if ref.year == post_year else f"{ref.year}{SEPARATOR}{ref.activity_id}"


def check_post_year_plan(texts: Sequence[str], post_year: int, plan_data: PlanData) -> None:
    """Bare ids need a plan of the post's own year to be looked up in."""
    if plan_data.plan_for(post_year) is not None:
        return
    if any(not is_qualified(text) for text in texts):
        latest = plan_data.plans[-1].year if plan_data.plans else post_year - 1
        raise Refused(
            f"плана на {post_year} год нет в data/plan.yaml: мероприятие без года ищется в "
            "плане года даты записи; проверьте дату, укажите год плана перед "
            f"идентификатором («{latest}/{EXAMPLE_ID}») или уберите поле plan."
        )


def parse_plan_ref(written: str, post_year: int | None, plan_data: PlanData | None) -> PlanRef:
    """The activity ``written`` names, checked against its plan when the plan is known."""
    if not is_qualified(written):
        ref = PlanRef(post_year or 0, written)
        qualified = False
    else:
        match = _QUALIFIED.match(written)
        if match is None:
            raise Refused(
                f"«{written}» — не мероприятие плана: пишите идентификатор мероприятия "
                f"(«{EXAMPLE_ID}») или год плана и идентификатор через косую черту "
                f"(«2019/{EXAMPLE_ID}»)."
            )
        ref, qualified = PlanRef(int(match[1]), match[2]), True
    if plan_data is not None and (qualified or post_year is not None):
        _check(ref, written, plan_data, qualified=qualified)
    return ref


def _check(ref: PlanRef, written: str, plan_data: PlanData, *, qualified: bool) -> None:
    plan = plan_data.plan_for(ref.year)
    if plan is None:
        if qualified:
            raise Refused(
                f"плана на {ref.year} год нет в data/plan.yaml ({_plan_years(plan_data)}): "
                f"проверьте год в «{written}»."
            )
        return  # the field as a whole is refused (check_post_year_plan)
    known = [activity.id for activity in plan.activities]
    if ref.activity_id in known:
        return
    shown = [f"{ref.year}{SEPARATOR}{known_id}" for known_id in known] if qualified else known
    hint = suggestion(written, shown) or " Идентификаторы — поля id в data/plan.yaml."
    raise Refused(f"в плане {ref.year} года нет мероприятия «{ref.activity_id}».{hint}")


def _plan_years(plan_data: PlanData) -> str:
    years = [str(plan.year) for plan in plan_data.plans]
    if not years:
        return "планов в файле нет"
    return "планы есть на " + ", ".join(years) + (" год" if len(years) == 1 else " годы")
