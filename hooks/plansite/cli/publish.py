"""Is the site ready to go live? The placeholders a fresh copy ships with must be gone.

The shipped project is a working example: its contacts are visibly placeholders, its address
is the reserved example domain and its news are example posts. ``plansite check --publish``
(run by the publishing workflow) refuses such a site, so it never goes live by accident.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from plansite.load.organization import EXAMPLE_DOMAIN, PLACEHOLDER
from plansite.load.plan import PLAN_FILE
from plansite.model import Organization, Post, PostStatus
from plansite.problems import Problem

CONFIG_FILE = "mkdocs.yml"
SITE_URL_VARIABLE = "PLANSITE_SITE_URL"
EXAMPLE_POST_MARK = "пример записи"
"""How every shipped example post's summary begins («Пример записи. …»)."""


CONTACTS = (
    ("address", "почтовый адрес отделения"),
    ("email", "адрес электронной почты отделения"),
    ("phone", "телефон отделения"),
    ("press_contact", "контакт для прессы"),
)


def publish_problems(
    project_dir: Path, organization: Organization, posts: tuple[Post, ...], site_url: str
) -> list[Problem]:
    """Everything that still marks the site as an unfinished copy, worded for the editor."""
    problems = list(_contact_problems(organization))
    problems += _site_url_problems(project_dir, site_url)
    problems += [
        _example_post_problem(project_dir, post)
        for post in posts
        if post.status is not PostStatus.DRAFT and is_example_post(post)
    ]
    return sorted(problems)


def is_example_post(post: Post) -> bool:
    summary = (post.summary or "").strip().lower().replace("ё", "е")
    return summary.startswith(EXAMPLE_POST_MARK)


def _contact_problems(organization: Organization) -> Iterator[Problem]:
    for key, what in CONTACTS:
        value: str = getattr(organization, key)
        field = f"organization.{key}"
        line = organization.line_of(key) or organization.line_of("name")
        if not value:
            yield Problem(
                PLAN_FILE,
                line,
                field,
                f"не указан {what}: добавьте строку «{key}: …» перед публикацией.",
            )
        elif EXAMPLE_DOMAIN.search(value):
            yield Problem(
                PLAN_FILE,
                line,
                field,
                f"«{value}» — пример с несуществующим доменом .example: впишите настоящий {what}.",
            )
        elif PLACEHOLDER.search(value):
            yield Problem(
                PLAN_FILE,
                line,
                field,
                f"«{value}» — заготовка, а не {what}: впишите настоящее значение "
                "без квадратных скобок.",
            )


def _site_url_problems(project_dir: Path, site_url: str) -> list[Problem]:
    if site_url and not EXAMPLE_DOMAIN.search(site_url):
        return []
    line = _config_line(project_dir, "site_url")
    shown = f"«{site_url}» — пример, такого адреса нет" if site_url else "адрес сайта не задан"
    return [
        Problem(
            CONFIG_FILE,
            line,
            "site_url",
            f"{shown}: задайте настоящий адрес сайта в переменной окружения "
            f"{SITE_URL_VARIABLE} (например, в настройках публикации) или в {CONFIG_FILE}.",
        )
    ]


def _example_post_problem(project_dir: Path, post: Post) -> Problem:
    return Problem(
        post.source,
        _front_matter_line(project_dir / post.source, "summary") or 1,
        "summary",
        "это пример записи, поставленный вместе с сайтом («Пример записи…»): удалите файл "
        "или перепишите запись о настоящем событии перед публикацией.",
    )


def _config_line(project_dir: Path, key: str) -> int:
    return _front_matter_line(project_dir / CONFIG_FILE, key, whole_file=True) or 1


def _front_matter_line(path: Path, key: str, whole_file: bool = False) -> int:
    """The line where ``key:`` starts (in the front matter, or anywhere in a config file)."""
    try:
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return 0
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for number, line in enumerate(lines, start=1):
        if pattern.match(line):
            return number
        if not whole_file and number > 1 and line.strip() == "---":
            break
    return 0
