"""The post ``plansite new`` writes: its values, its file name and its text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import yaml
from slugify import slugify

from plansite.load.post_paths import NEWS_DIR
from plansite.model import Category, Municipality

SLUG_MAX_CHARS = 60
FIRST_PARAGRAPH = "Напишите здесь первый абзац: он станет анонсом записи."
BODY = f"""{FIRST_PARAGRAPH}

## Подзаголовок

Замените подзаголовок и этот текст своими (или удалите). Абзацы разделяйте пустой строкой,
пункты списка начинайте с «- », ссылки пишите так: [текст ссылки](https://example.org/).
"""


@dataclass(frozen=True)
class NewPost:
    title: str
    published: datetime
    """In Moscow time, as the field reader gives it."""
    date_only: bool
    category: Category
    municipalities: tuple[Municipality, ...] = ()
    activity_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    draft: bool = False

    @property
    def day(self) -> date:
        return self.published.date()


def new_post_source(day: date, slug: str) -> str:
    """``news/2019/2019-04-19-uroki.md``: a new post's file, by its date and name."""
    return f"{NEWS_DIR}/{day:%Y}/{day.isoformat()}-{slug}.md"


def given_slug(text: str) -> str:
    """The file name from a name the editor gave: transliterated; may be empty."""
    return slugify(text, lowercase=True)


def title_slug(title: str) -> str:
    """The file name a title suggests (transliterated, cut at a word): may be empty."""
    return slugify(
        title, lowercase=True, max_length=SLUG_MAX_CHARS, word_boundary=True, save_order=True
    )


def post_text(post: NewPost) -> str:
    """The whole file: front matter with the fields given, then the body skeleton."""
    lines = [_yaml_line("title", post.title), _date_line(post)]
    fields = [
        ("category", post.category.name),
        ("municipality", [item.name for item in post.municipalities]),
        ("plan", list(post.activity_ids)),
        ("tags", list(post.tags)),
    ]
    lines += [_yaml_line(key, value) for key, value in fields if value]
    if post.draft:
        lines.append("draft: true\n")
    return "---\n" + "".join(lines) + "---\n\n" + BODY


def _date_line(post: NewPost) -> str:
    """``date: 2019-04-19``, or the Moscow date and time in quotes when a time was given."""
    if post.date_only:
        return f"date: {post.day.isoformat()}\n"
    moment = post.published.strftime("%Y-%m-%d %H:%M" + (":%S" if post.published.second else ""))
    return f'date: "{moment}"\n'


def _yaml_line(key: str, value: object) -> str:
    """``key: value`` quoted where YAML needs it; lists in the ``[a, b]`` form."""
    return yaml.safe_dump(
        {key: value},
        allow_unicode=True,
        default_flow_style=None if isinstance(value, list) else False,
        sort_keys=False,
        width=1_000_000,
    )
