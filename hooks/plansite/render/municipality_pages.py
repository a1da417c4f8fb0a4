"""The municipalities: the list and one page each, useful before any news about them exist.

Each page says what kind of formation it is, lists the plan activities that concern every
municipality of the region, offers its news feed and then its news. Lists put «город
Смоленск» first, the other urban districts next and the municipal districts after them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from plansite import urls
from plansite.derive.feed_catalog import FeedInfo
from plansite.derive.news_index import NewsIndex
from plansite.model import Activity, Municipality, Plan, PlanData
from plansite.output import BODY_PLACEHOLDER, Page
from plansite.periods import describe_period
from plansite.render.listing_feeds import feed_links, feed_meta
from plansite.render.markup import front_matter, heading, link, text
from plansite.render.news_listing import compact_list, posts_count
from plansite.render.search import NOT_INDEXED, search_meta
from plansite.russian import URBAN_DISTRICT, formation_type
from plansite.typography import DASH, typeset

REGIONAL_CENTRE = "smolensk"
ALL_MUNICIPALITIES_STEMS = (
    "муниципальн",
    "местного самоуправлен",
    "территориального общественного самоуправлен",
    "глав и депутатов",
)
"""Words of a plan activity's title that make it concern every municipality of the region
(information about the municipalities, local self-government, TOS, heads and deputies)."""


def ordered(municipalities: Sequence[Municipality]) -> list[Municipality]:
    """«город Смоленск», then the other urban districts, then the municipal districts;
    each group in the order of the data file (alphabetical)."""

    def rank(municipality: Municipality) -> int:
        if municipality.id == REGIONAL_CENTRE:
            return 0
        return 1 if formation_type(municipality.name) == URBAN_DISTRICT else 2

    return sorted(municipalities, key=rank)


def concerns_all_municipalities(activity: Activity) -> bool:
    title = activity.title.lower().replace("ё", "е")
    return any(stem in title for stem in ALL_MUNICIPALITIES_STEMS)


def municipality_pages(
    index: NewsIndex,
    data: PlanData,
    municipalities: Sequence[Municipality],
    feeds_of: Callable[[Municipality], Sequence[FeedInfo]] = lambda _: (),
) -> list[Page]:
    """The list and every municipality's page; ``feeds_of`` gives each one's news feeds."""
    listed = ordered(municipalities)
    pages = [municipalities_page(index, listed)]
    pages += [municipality_page(index, data.current_plan, m, feeds_of(m)) for m in listed]
    return pages


def municipalities_page(index: NewsIndex, municipalities: Sequence[Municipality]) -> Page:
    src = urls.MUNICIPALITIES_SRC
    title = "Муниципальные образования"
    rows = [
        f"| {link(m.name, src, urls.listing_src(urls.municipality_base(m.id), 1))} "
        f"| {formation_type(m.name)} "
        f"| {posts_count(len(index.by_municipality.get(m.id, ())))} |"
        for m in municipalities
    ]
    markdown = (
        front_matter(title, "Новости по муниципальным образованиям Смоленской области.")
        + heading(1, title)
        + typeset(
            "Городские округа и муниципальные районы Смоленской области: план работы "
            "отделения и новости о каждом из них."
        )
        + "\n\n| Муниципальное образование | Вид | Новости |\n| --- | --- | --- |\n"
        + "\n".join(rows)
        + "\n"
    )
    return Page(src, markdown)


def municipality_page(
    index: NewsIndex, plan: Plan, municipality: Municipality, feeds: Sequence[FeedInfo] = ()
) -> Page:
    src = urls.listing_src(urls.municipality_base(municipality.id), 1)
    posts = index.by_municipality.get(municipality.id, ())
    activities = [a for a in plan.activities if concerns_all_municipalities(a)]
    kind = formation_type(municipality.name)
    parts = [
        front_matter(
            municipality.name,
            f"{municipality.name}: {kind} Смоленской области — план работы отделения и новости.",
            **feed_meta(feeds),
            **search_meta("municipality", municipalities=[municipality.name]),
        ),
        heading(1, municipality.name),
        typeset(f"{kind.capitalize()} Смоленской области.") + "\n{ .municipality-kind }\n\n",
        feed_links(src, feeds),
        heading(2, "Новости", "news"),
        typeset(f"{posts_count(len(posts))}.") + "\n\n",
        f"{BODY_PLACEHOLDER}\n\n",
        heading(2, f"План работы на {plan.year} год: для всех муниципалитетов", "plan"),
        typeset("Мероприятия плана, которые касаются каждого муниципального образования области:")
        + "\n\n",
        _activity_lines(src, plan, activities),
    ]
    body = compact_list(src, posts) or "<p>Новостей об этом муниципальном образовании пока нет.</p>"
    body = f"<div {NOT_INDEXED}>\n{body}</div>\n"  # the posts are found on their own pages
    return Page(src, "".join(parts), body_html=body, tooltips=False)


def _activity_lines(src: str, plan: Plan, activities: Sequence[Activity]) -> str:
    lines = [
        f"- {link(a.title, src, urls.activity_src(plan.year, a.id))}{DASH}"
        f"{text(describe_period(a.period))}\n"
        for a in activities
    ]
    return "".join(lines) + "\n"
