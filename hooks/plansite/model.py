"""Typed objects the loaders produce and everything downstream reads."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time

from plansite.periods import Period
from plansite.urls import post_url


@dataclass(frozen=True)
class Organization:
    name: str
    """The full official name."""
    short_name: str
    about: str
    """A paragraph for the home page: who the branch is."""
    press_contact: str
    """One sentence for the press: whom to write to."""
    address: str = ""
    email: str = ""
    phone: str = ""
    leadership: tuple[str, ...] = ()
    """The governing roles (as the branch's documents name them), optionally with a name."""
    field_lines: tuple[tuple[str, int], ...] = ()
    """``(key, line in data/plan.yaml)`` of each field given, for messages."""

    def line_of(self, key: str) -> int:
        return dict(self.field_lines).get(key, 0)


@dataclass(frozen=True)
class Term:
    """A glossary entry: an abbreviation the plan uses and what it stands for."""

    abbr: str
    meaning: str


@dataclass(frozen=True)
class Event:
    """A concrete dated occurrence that refines an activity's period."""

    date: date
    title: str
    time: time | None = None
    place: str | None = None


@dataclass(frozen=True)
class Activity:
    id: str
    title: str
    when: str
    """The period text exactly as the plan document writes it."""
    period: Period
    responsible: tuple[str, ...]
    section_id: str
    events: tuple[Event, ...] = ()
    source_line: int = 0
    """Line in data/plan.yaml, for messages."""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Plan:
    year: int
    title: str
    sections: tuple[Section, ...]

    @property
    def activities(self) -> tuple[Activity, ...]:
        return tuple(activity for section in self.sections for activity in section.activities)


@dataclass(frozen=True)
class PlanData:
    """Everything in data/plan.yaml: the branch, its glossary and its yearly plans."""

    organization: Organization
    glossary: tuple[Term, ...]
    plans: tuple[Plan, ...] = field(default_factory=tuple)
    """Ordered by year; a new year's plan is added beside the old ones."""

    def plan_for(self, year: int) -> Plan | None:
        return next((plan for plan in self.plans if plan.year == year), None)

    @property
    def current_plan(self) -> Plan:
        """The newest plan: the one the home page and menus lead to."""
        return self.plans[-1]


@dataclass(frozen=True)
class Category:
    """A news category, defined in data/categories.yaml."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Municipality:
    """A municipal formation of Smolensk oblast, defined in data/municipalities.yaml."""

    id: str
    name: str
    """Official name, e.g. «Сычевский район» or «город Смоленск»."""


@dataclass(frozen=True, order=True)
class PlanRef:
    """A plan activity a post reports on: the plan's year and the activity's id."""

    year: int
    activity_id: str


@dataclass(frozen=True)
class SiteLink:
    """A link in a post's body to a page of this site, written as a site path."""

    path: str
    """As written: ``/plan/2019/``, relative to the site's root, wherever the site is served."""
    line: int
    """Line of the post file, for the message if no such page exists."""


class PostStatus(enum.Enum):
    PUBLISHED = "published"
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    """Dated after the build time: left out until a build after its date."""


@dataclass(frozen=True)
class Post:
    """A news post read from ``news/**/*.md`` and validated."""

    source: str
    """Path relative to the project, e.g. ``news/2019/2019-04-19-uroki.md``."""
    slug: str
    """From the file name (leading date stripped, transliterated), never from the title."""
    title: str
    published: datetime
    """Aware, in Europe/Moscow unless the post gave another zone."""
    date_only: bool
    """The post gave a date without a time."""
    category: Category
    body: str
    """The Markdown body, without front matter."""
    body_line: int
    """Line of the file where the body starts, for messages."""
    municipalities: tuple[Municipality, ...] = ()
    plan_refs: tuple[PlanRef, ...] = ()
    """The plan activities this post reports on: a bare id in the front matter is an
    activity of the post's own year, ``2019/id`` one of the 2019 plan."""
    tags: tuple[str, ...] = ()
    summary: str | None = None
    image: str | None = None
    """Lead picture, relative to the post's folder."""
    files: tuple[str, ...] = ()
    """Files beside the post that it uses (image, pictures and links in the body) and, for a
    post in its own folder, every other file there; relative to the post's folder and
    published under the post's URL."""
    status: PostStatus = PostStatus.PUBLISHED
    site_links: tuple[SiteLink, ...] = ()
    """Links in the body written as site paths (``/plan/2019/``), checked once all pages exist."""

    @property
    def url_path(self) -> str:
        """``news/2019/04/uroki/``: stable, built from date and file name only."""
        return post_url(self.published, self.slug)

    @property
    def plan_year(self) -> int:
        """The plan a bare activity id refers to: that of the post's own year."""
        return self.published.year

    @property
    def other_year_refs(self) -> tuple[PlanRef, ...]:
        """Activities of other years' plans (a January report on December's meeting)."""
        return tuple(ref for ref in self.plan_refs if ref.year != self.plan_year)
