"""Loading news posts: fields, slugs, dates, statuses, files, and every editor mistake."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import PICTURES
from plansite.load.news import NewsData, load_news
from plansite.load.plan import load_plan_data
from plansite.load.post_fields import read_date
from plansite.load.taxonomy import load_taxonomy
from plansite.load.textfile import MAX_FILE_BYTES
from plansite.model import PlanRef, PostStatus
from plansite.problems import ProblemsFound, Refused
from plansite.urls import post_slug

ROOT = Path(__file__).resolve().parent.parent
MOSCOW = ZoneInfo("Europe/Moscow")
BUILD_TIME = datetime(2019, 5, 1, 12, 0, tzinfo=timezone.utc)
FRONT = "title: Тематические уроки\ndate: 2019-04-19\ncategory: branch\n"
SOURCE = "news/2019/2019-04-19-uroki.md"


def post_text(front: str = FRONT, body: str = "Текст записи.\n") -> str:
    return f"---\n{front}---\n{body}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the shipped plan and taxonomy, an empty news folder and a few files."""
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for name in ("plan.yaml", "categories.yaml", "municipalities.yaml"):
        shutil.copy(ROOT / "data" / name, project / "data" / name)
    folder = project / "news" / "2019"
    (folder / "img").mkdir(parents=True)
    (folder / "lessons.jpg").write_bytes(PICTURES["jpg"])
    (folder / "doc.pdf").write_bytes(b"PDF")
    (folder / "img" / "a.png").write_bytes(PICTURES["png"])
    return project


def write(project: Path, source: str, text: str) -> Path:
    path = project / source
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(project: Path, build_time: datetime = BUILD_TIME) -> NewsData:
    return load_news(project, load_plan_data(project), load_taxonomy(project), build_time)


def problems(project: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as found:
        load(project)
    return [str(problem) for problem in found.value.problems]


# A valid post


def test_full_post_loads_with_every_field(project: Path) -> None:
    front = (
        "title: Тематические   уроки ко Дню местного самоуправления\n"
        "date: 2019-04-19\n"
        "category: Деятельность отделения\n"
        "municipality: [Вяземский район, Сычёвский, vyazemsky]\n"
        "plan: [thematic-lessons, public-events, thematic-lessons]\n"
        "tags: [школы, ' молодёжь  и   спорт ', школы]\n"
        "summary: Краткое  описание.\n"
        "image: lessons.jpg\n"
    )
    body = "Текст с [документом](doc.pdf) и ![фото](img/a.png).\n\n![ещё раз](lessons.jpg)\n"
    write(project, SOURCE, post_text(front, body))
    (post,) = load(project).posts
    assert post.source == SOURCE
    assert post.slug == "uroki"
    assert post.url_path == "news/2019/04/uroki/"
    assert post.title == "Тематические уроки ко Дню местного самоуправления"
    assert post.published == datetime(2019, 4, 19, tzinfo=MOSCOW)
    assert post.published.tzinfo == MOSCOW
    assert post.date_only is True
    assert post.category.id == "branch"
    assert [m.id for m in post.municipalities] == ["vyazemsky", "sychevsky"]
    assert post.plan_refs == (PlanRef(2019, "thematic-lessons"), PlanRef(2019, "public-events"))
    assert post.tags == ("школы", "молодёжь и спорт")
    assert post.summary == "Краткое описание."
    assert post.image == "lessons.jpg"
    assert post.files == ("doc.pdf", "img/a.png", "lessons.jpg")
    assert post.body == body
    assert post.body_line == 11
    assert post.status is PostStatus.PUBLISHED


def test_minimal_post_has_empty_optional_fields(project: Path) -> None:
    write(project, SOURCE, post_text())
    (post,) = load(project).posts
    assert post.municipalities == ()
    assert post.plan_refs == ()
    assert post.tags == ()
    assert post.summary is None
    assert post.image is None
    assert post.files == ()


def test_single_values_instead_of_lists(project: Path) -> None:
    front = FRONT + "municipality: Смоленск\nplan: thematic-lessons\ntags: школы\n"
    write(project, SOURCE, post_text(front))
    (post,) = load(project).posts
    assert [m.id for m in post.municipalities] == ["smolensk"]
    assert post.plan_refs == (PlanRef(2019, "thematic-lessons"),)
    assert post.tags == ("школы",)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Деятельность отделения", "branch"),
        ("деятельность отделения", "branch"),
        ("branch", "branch"),
        ("Лучшие практики муниципального управления", "best-practices"),
        ("municipalities", "municipalities"),
    ],
)
def test_category_by_name_or_id(project: Path, written: str, expected: str) -> None:
    write(project, SOURCE, post_text(f"title: Т\ndate: 2019-04-19\ncategory: {written}\n"))
    assert load(project).posts[0].category.id == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Сычевский район", ["sychevsky"]),
        ("Сычёвский", ["sychevsky"]),
        ("сычевский", ["sychevsky"]),
        ("sychevsky", ["sychevsky"]),
        ("Смоленск", ["smolensk"]),
        ("Смоленский", ["smolensky-district"]),
        ("[Ярцевский, город Десногорск]", ["yartsevsky", "desnogorsk"]),
        ("\n  - Вяземский\n  - Холм-Жирковский район", ["vyazemsky", "kholm-zhirkovsky"]),
    ],
)
def test_municipality_spellings(project: Path, written: str, expected: list[str]) -> None:
    write(project, SOURCE, post_text(FRONT + f"municipality: {written}\n"))
    assert [m.id for m in load(project).posts[0].municipalities] == expected


# Slugs and addresses


@pytest.mark.parametrize(
    ("source", "slug"),
    [
        ("news/2019/2019-04-19-uroki.md", "uroki"),
        ("news/2019/2019-04-19_uroki.md", "uroki"),
        ("news/2019/20190419-uroki.md", "uroki"),
        ("news/2019/2019-04-19-Тематические уроки.md", "tematicheskie-uroki"),
        ("news/2019/Итоги_года.md", "itogi-goda"),
        ("news/2019/uroki/index.md", "uroki"),
        ("news/2019/2019-04-19-уроки/index.md", "uroki"),
        ("news/2019/2019-04-19.md", "2019-04-19"),
    ],
)
def test_post_slug(source: str, slug: str) -> None:
    assert post_slug(source) == slug


def test_cyrillic_file_name_gives_transliterated_url(project: Path) -> None:
    write(project, "news/2019/2019-04-19-Встреча с главами.md", post_text())
    (post,) = load(project).posts
    assert post.slug == "vstrecha-s-glavami"
    assert post.url_path == "news/2019/04/vstrecha-s-glavami/"


def test_slug_never_comes_from_the_title(project: Path) -> None:
    write(
        project,
        "news/2019/a.md",
        post_text("title: Совсем другое\ndate: 2019-04-19\ncategory: branch\n"),
    )
    assert load(project).posts[0].slug == "a"


def test_post_in_a_folder_with_its_pictures(project: Path) -> None:
    write(project, "news/2019/uroki/index.md", post_text(FRONT + "image: photo.jpg\n"))
    (project / "news/2019/uroki/photo.jpg").write_bytes(PICTURES["jpg"])
    (post,) = load(project).posts
    assert post.url_path == "news/2019/04/uroki/"
    assert post.image == "photo.jpg"
    assert post.files == ("photo.jpg",)


# Dates


@pytest.mark.parametrize(
    ("written", "expected", "date_only"),
    [
        ("2019-04-19", datetime(2019, 4, 19, tzinfo=MOSCOW), True),
        ('"2019-04-19"', datetime(2019, 4, 19, tzinfo=MOSCOW), True),
        ("2019-04-19 10:30", datetime(2019, 4, 19, 10, 30, tzinfo=MOSCOW), False),
        ("2019-04-19 10:30:15", datetime(2019, 4, 19, 10, 30, 15, tzinfo=MOSCOW), False),
        ("2019-04-19T10:30+03:00", datetime(2019, 4, 19, 10, 30, tzinfo=MOSCOW), False),
        ("2019-04-19T07:30:00Z", datetime(2019, 4, 19, 10, 30, tzinfo=MOSCOW), False),
        ('"2019-04-19T10:30+05:00"', datetime(2019, 4, 19, 8, 30, tzinfo=MOSCOW), False),
    ],
)
def test_dates_and_times(project: Path, written: str, expected: datetime, date_only) -> None:
    write(project, SOURCE, post_text(f"title: Т\ndate: {written}\ncategory: branch\n"))
    (post,) = load(project).posts
    assert post.published == expected
    assert post.published.utcoffset() == timedelta(hours=3)
    assert post.date_only is date_only


def test_aware_time_near_midnight_moves_to_moscow_date(project: Path) -> None:
    write(project, SOURCE, post_text("title: Т\ndate: 2019-04-30T22:30+00:00\ncategory: branch\n"))
    (post,) = load(project).posts
    assert post.published == datetime(2019, 5, 1, 1, 30, tzinfo=MOSCOW)
    assert post.url_path == "news/2019/05/uroki/"


def test_a_number_is_not_a_date() -> None:
    with pytest.raises(Refused, match="не дата"):
        read_date(20190419)


# Statuses


def dated(when: str, extra: str = "") -> str:
    return post_text(f"title: Т\ndate: {when}\ncategory: branch\n{extra}")


def test_statuses_and_order(project: Path) -> None:
    write(project, "news/2019/old.md", dated("2019-03-01"))
    write(project, "news/2019/new.md", dated("2019-04-30"))
    write(project, "news/2019/same.md", dated("2019-04-30"))
    write(project, "news/2019/draft.md", dated("2019-04-19", "draft: true\n"))
    write(project, "news/2019/no-draft.md", dated("2019-04-19", "draft: no\n"))
    # 15:00 in Moscow is 12:00 UTC, the build time: not after it, so published.
    write(project, "news/2019/now.md", dated("2019-05-01 15:00"))
    write(project, "news/2019/later.md", dated("2019-05-01 15:01"))
    write(project, "news/2019/future-draft.md", dated("2019-06-01", "draft: yes\n"))
    news = load(project)
    assert [post.source.removeprefix("news/2019/") for post in news.posts] == [
        "future-draft.md",
        "later.md",
        "now.md",
        "same.md",
        "new.md",
        "no-draft.md",
        "draft.md",
        "old.md",
    ]
    assert [post.slug for post in news.published] == ["now", "same", "new", "no-draft", "old"]
    assert [post.slug for post in news.drafts] == ["future-draft", "draft"]
    assert [post.slug for post in news.scheduled] == ["later"]
    assert news.removed_control_chars == 0


def test_scheduled_post_is_published_by_a_later_build(project: Path) -> None:
    write(project, SOURCE, post_text("title: Т\ndate: 2019-05-10\ncategory: branch\n"))
    assert load(project).posts[0].status is PostStatus.SCHEDULED
    later = datetime(2019, 5, 9, 21, 0, tzinfo=timezone.utc)  # 00:00 on 10 May in Moscow
    assert load(project, later).posts[0].status is PostStatus.PUBLISHED


def test_build_time_must_be_aware(project: Path) -> None:
    with pytest.raises(ValueError, match="aware"):
        load(project, datetime(2019, 5, 1))


# Walking the news folder


def test_walk_skips_hidden_and_other_files(project: Path) -> None:
    write(project, "news/2019/a.md", post_text())
    write(project, "news/2019/sub/deeper/b.MD", post_text())
    write(project, "news/.drafts/c.md", "не запись")
    write(project, "news/2019/.d.md", "не запись")
    write(project, "news/2019/notes.txt", "не запись")
    assert [post.source for post in load(project).posts] == [
        "news/2019/sub/deeper/b.MD",
        "news/2019/a.md",
    ]


def test_no_news_folder_means_no_posts(project: Path) -> None:
    shutil.rmtree(project / "news")
    assert load(project) == NewsData(posts=(), removed_control_chars=0)


# Encodings and invisible characters


def test_bom_and_crlf_are_fine(project: Path) -> None:
    text = post_text(FRONT + "tags: [школы]\n", "Первая строка.\n\nВторая.\n")
    (project / SOURCE).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    (post,) = load(project).posts
    assert post.title == "Тематические уроки"
    assert post.tags == ("школы",)
    assert post.body == "Первая строка.\n\nВторая.\n"
    assert post.body_line == 7


def test_control_characters_are_removed_and_counted(project: Path) -> None:
    front = (
        "title: Уроки\x07 ко\x0bДню\x1f МСУ\n"
        "date: 2019-04-19\n"
        "category: branch\n"
        "summary: Кратко\x85о главном\x9f.\n"
        "tags: [шко\x01лы]\n"
    )
    write(project, SOURCE, post_text(front, "Текст\x0c записи\u2028дальше\x7f.\n"))
    write(project, "news/2019/clean.md", post_text())
    news = load(project)
    post = next(post for post in news.posts if post.source == SOURCE)
    assert post.title == "Уроки ко Дню МСУ"
    assert post.summary == "Кратко о главном."
    assert post.tags == ("школы",)
    assert post.body == "Текст  записи дальше.\n"  # no line break: lines keep their numbers
    # Title 3, summary 2, tags 1, body 3.
    assert news.removed_control_chars == 9


# Links between posts and files beside them


def test_links_to_posts_and_files(project: Path) -> None:
    body = (
        "См. [итоги](../2018/itogi.md#start), [сайт](https://example.org/a.pdf), "
        "[почта](mailto:a@example.org), [раздел](#part), [страница](/about/).\n\n"
        "`[не ссылка](missing.md)`\n\n"
        "    ![в коде](missing.png)\n\n"
        '<img src="img/a.png" alt="сырой HTML"> [документ](doc.pdf?download=1)\n\n'
        "[сноска][doc]\n\n[doc]: ./img/../doc.pdf\n"
    )
    write(project, SOURCE, post_text(FRONT, body))
    write(
        project, "news/2018/itogi.md", post_text("title: И\ndate: 2018-12-01\ncategory: branch\n")
    )
    news = load(project)
    post = next(post for post in news.posts if post.source == SOURCE)
    assert post.files == ("doc.pdf", "img/a.png")


def test_percent_encoded_file_names(project: Path) -> None:
    (project / "news/2019/мой отчёт.pdf").write_bytes(b"PDF")
    write(project, SOURCE, post_text(FRONT, "[отчёт](%D0%BC%D0%BE%D0%B9%20отчёт.pdf)\n"))
    assert load(project).posts[0].files == ("мой отчёт.pdf",)


# Every editor mistake, with its exact message

ERROR_CASES = {
    "broken YAML": (
        post_text("title: Итоги: года\ndate: 2019-04-19\ncategory: branch\n"),
        "2: YAML: ошибка разметки YAML: лишнее двоеточие или сбитый отступ: если в значении "
        "есть «: », заключите его в кавычки; иначе выровняйте отступ по соседним строкам.",
    ),
    "no front matter": (
        "Просто текст без заголовка.\n",
        "1: файл: нет заголовка записи: запись должна начинаться со строки «---», за ней — "
        "поля (title, date, category), затем снова строка «---» и под ней текст записи.",
    ),
    "front matter not closed": (
        "---\ntitle: Уроки\ndate: 2019-04-19\ncategory: branch\n\nТекст.\n",
        "1: файл: заголовок записи не закрыт: после последнего поля добавьте строку «---», "
        "а под ней — текст записи.",
    ),
    "closing line typed as a dash": (
        "---\ntitle: Уроки\ndate: 2019-04-19\ncategory: branch\n—\nТекст.\n",
        "5: файл: строка «—» должна состоять ровно из трёх дефисов «---»: она закрывает "
        "заголовок записи.",
    ),
    "empty file": (
        " \n\n",
        "1: файл: файл пуст: запись должна начинаться со строки «---», за ней — поля "
        "(title, date, category), затем снова строка «---» и под ней текст записи.",
    ),
    "empty front matter": (
        "---\n# только комментарий\n---\nТекст.\n",
        "1: файл: заголовок записи пуст: впишите между строками «---» поля title, date и category.",
    ),
    "front matter is a list": (
        "---\n- title\n---\nТекст.\n",
        "2: файл: между строками «---» должны быть поля «имя: значение», например «title: …», "
        "а указано: список.",
    ),
    "missing title": (
        post_text("date: 2019-04-19\ncategory: branch\n"),
        "2: title: обязательное поле отсутствует: добавьте строку «title: …».",
    ),
    "empty title": (
        post_text("title:\ndate: 2019-04-19\ncategory: branch\n"),
        "2: title: поле пустое: впишите значение.",
    ),
    "title is a number": (
        post_text("title: 2019\ndate: 2019-04-19\ncategory: branch\n"),
        "2: title: ожидается текст, а указано: целое число (2019). Заключите значение в кавычки.",
    ),
    "title too long": (
        post_text(f"title: {'а' * 301}\ndate: 2019-04-19\ncategory: branch\n"),
        "2: title: заголовок длиннее 300 символов (301): сократите его, подробности перенесите "
        "в текст или в поле summary.",
    ),
    "unknown key": (
        post_text(FRONT + "tag: школы\n"),
        "5: tag: неизвестное поле. Возможно, имелось в виду «tags».",
    ),
    "key given twice": (
        post_text(FRONT + "title: Ещё раз\n"),
        "5: title: поле «title» указано дважды; оставьте одно значение.",
    ),
    "unknown category": (
        post_text("title: Т\ndate: 2019-04-19\ncategory: Деятельность отделенья\n"),
        "4: category: неизвестная категория «Деятельность отделенья». Возможно, имелось в виду "
        "«Деятельность отделения». Категории: «Лучшие практики муниципального управления» "
        "(best-practices); «Ситуация в муниципальных образованиях» (municipalities); "
        "«Деятельность отделения» (branch).",
    ),
    "unknown category, nothing near": (
        post_text("title: Т\ndate: 2019-04-19\ncategory: Новости\n"),
        "4: category: неизвестная категория «Новости». Категории: «Лучшие практики "
        "муниципального управления» (best-practices); «Ситуация в муниципальных образованиях» "
        "(municipalities); «Деятельность отделения» (branch).",
    ),
    "unknown municipality in a list": (
        post_text(FRONT + "municipality: [Вяземский, Сычовский район]\n"),
        "5: municipality[1]: неизвестное муниципальное образование «Сычовский район». "
        "Возможно, имелось в виду «Сычевский район».",
    ),
    "unknown municipality, nothing near": (
        post_text(FRONT + "municipality: Москва\n"),
        "5: municipality: неизвестное муниципальное образование «Москва». Названия "
        "и идентификаторы — в data/municipalities.yaml.",
    ),
    "unknown activity": (
        post_text(FRONT + "plan: [thematic-lesson]\n"),
        "5: plan[0]: в плане 2019 года нет мероприятия «thematic-lesson». Возможно, имелось "
        "в виду «thematic-lessons».",
    ),
    "no plan for the year": (
        post_text("title: Т\ndate: 2020-04-19\ncategory: branch\nplan: thematic-lessons\n"),
        "5: plan: плана на 2020 год нет в data/plan.yaml: мероприятие без года ищется в плане "
        "года даты записи; проверьте дату, укажите год плана перед идентификатором "
        "(«2019/thematic-lessons») или уберите поле plan.",
    ),
    "empty plan": (
        post_text(FRONT + "plan:\n"),
        "5: plan: поле пустое: впишите значение или удалите строку.",
    ),
    "impossible date": (
        post_text("title: Т\ndate: 2019-02-30\ncategory: branch\n"),
        "3: date: такой даты нет: 2019-02-30. Проверьте число и месяц.",
    ),
    "impossible date with a time": (
        post_text('title: Т\ndate: "2019-02-30 10:00"\ncategory: branch\n'),
        "3: date: такой даты нет: 2019-02-30. Проверьте число и месяц.",
    ),
    "not a date": (
        post_text("title: Т\ndate: вчера\ncategory: branch\n"),
        "3: date: «вчера» — не дата: пишите год-месяц-день, например «2019-04-19», или дату "
        "и время, например «2019-04-19 10:30».",
    ),
    "empty date": (
        post_text("title: Т\ndate:\ncategory: branch\n"),
        "3: date: поле пустое: впишите значение.",
    ),
    "draft not a boolean": (
        post_text(FRONT + "draft: да\n"),
        "5: draft: ожидается да/нет: пишите «draft: true» (черновик) или «draft: false», "
        "а указано: текст (да).",
    ),
    "draft empty": (
        post_text(FRONT + "draft:\n"),
        "5: draft: ожидается да/нет: пишите «draft: true» (черновик) или «draft: false», "
        "а указано: пустое значение.",
    ),
    "tags with a number and an empty item": (
        post_text(FRONT + "tags: [школы, 2019, '']\n"),
        "5: tags[1]: ожидается текст, а указано: целое число (2019). Заключите значение "
        "в кавычки.\n"
        "5: tags[2]: пустое значение: впишите его или удалите пункт.",
    ),
    "tags as a mapping": (
        post_text(FRONT + "tags: {a: b}\n"),
        "5: tags: ожидается текст или список, а указано: набор полей.",
    ),
    "image missing": (
        post_text(FRONT + "image: lesson.jpg\n"),
        "5: image: файл «lesson.jpg» не найден рядом с записью (в папке news/2019/). "
        "Возможно, имелось в виду «lessons.jpg».",
    ),
    "image outside the post folder": (
        post_text(FRONT + "image: ../outside.jpg\n"),
        "5: image: файл «../outside.jpg» лежит вне папки записи (news/2019/): положите его "
        "рядом с записью или в папку под ней.",
    ),
    "image absolute": (
        post_text(FRONT + "image: /images/a.jpg\n"),
        "5: image: «/images/a.jpg» — не путь к файлу рядом с записью: положите файл в папку "
        "записи и укажите путь от неё, например «lessons.jpg» или «img/lessons.jpg».",
    ),
    "image is a web address": (
        post_text(FRONT + "image: https://example.org/a.jpg\n"),
        "5: image: «https://example.org/a.jpg» — не путь к файлу рядом с записью: положите "
        "файл в папку записи и укажите путь от неё, например «lessons.jpg» или "
        "«img/lessons.jpg».",
    ),
    "image not a picture": (
        post_text(FRONT + "image: doc.pdf\n"),
        "5: image: файл «doc.pdf» — не картинка: подойдут файлы png, jpg, jpeg, gif, webp, svg.",
    ),
    "image with backslashes": (
        post_text(FRONT + "image: img\\a.png\n"),
        "5: image: в пути «img\\a.png» используйте «/», а не «\\».",
    ),
    "image is a folder": (
        post_text(FRONT + "image: img\n"),
        "5: image: «img» — папка, а не файл: укажите файл в ней.",
    ),
    "picture in the body missing": (
        post_text(FRONT, "Текст.\n\n![фото](img/b.png)\n"),
        "8: текст: файл «img/b.png» не найден рядом с записью (в папке news/2019/). Возможно, "
        "имелось в виду «img/a.png».",
    ),
    "raw HTML picture in the body is not a picture": (
        post_text(FRONT, 'Текст.\n\n<img src="doc.pdf">\n'),
        "8: текст: файл «doc.pdf» — не картинка: подойдут файлы png, jpg, jpeg, gif, webp, svg.",
    ),
    "link in the body outside the post folder": (
        post_text(FRONT, "Текст [файл](../../secret.txt).\n"),
        "6: текст: файл «../../secret.txt» лежит вне папки записи (news/2019/): положите его "
        "рядом с записью или в папку под ней.",
    ),
    "web address without https": (
        post_text(FRONT, "Сайт [отделения](www.example.org).\n"),
        "6: текст: файл «www.example.org» не найден рядом с записью (в папке news/2019/). "
        "Если это адрес сайта, начните его с «https://».",
    ),
    "link to a missing post": (
        post_text(FRONT, "Текст.\nСм. [итоги](itogi.md).\n"),
        "7: текст: ссылка «itogi.md» ведёт на запись news/2019/itogi.md, а такой записи нет: "
        "проверьте путь от папки этой записи.",
    ),
    "empty body": (
        post_text(FRONT, "\n   \n"),
        "5: текст: в записи нет текста: напишите его под строкой «---», закрывающей заголовок.",
    ),
}


@pytest.mark.parametrize("case", ERROR_CASES, ids=list(ERROR_CASES))
def test_error_messages(project: Path, case: str) -> None:
    text, expected = ERROR_CASES[case]
    (project / "news/outside.jpg").write_bytes(b"JPEG")
    write(project, SOURCE, text)
    assert problems(project) == [f"{SOURCE}:{line}" for line in expected.split("\n")]


def test_cp1251_file(project: Path) -> None:
    (project / SOURCE).write_bytes(post_text().encode("cp1251"))
    assert problems(project) == [
        f"{SOURCE}:2: кодировка: файл сохранён в кодировке Windows-1251 (ANSI), а нужна UTF-8. "
        "Откройте файл в редакторе (например, «Блокнот») и сохраните его в кодировке UTF-8 "
        "(«Файл → Сохранить как → Кодировка: UTF-8»)."
    ]


def test_utf16_file(project: Path) -> None:
    (project / SOURCE).write_bytes(post_text().encode("utf-16"))
    assert problems(project) == [
        f"{SOURCE}:1: кодировка: файл сохранён в кодировке UTF-16. Откройте файл в редакторе "
        "(например, «Блокнот») и сохраните его в кодировке UTF-8 («Файл → Сохранить как → "
        "Кодировка: UTF-8»)."
    ]


def test_too_large_file(project: Path) -> None:
    write(project, SOURCE, post_text(body="а" * (MAX_FILE_BYTES // 2 + 1)))
    assert problems(project) == [
        f"{SOURCE}:1: файл: файл больше 1 МБ: такой объём не помещается в одну запись; "
        "картинки кладите отдельными файлами рядом, а не внутрь текста."
    ]


def test_duplicate_url_names_both_files(project: Path) -> None:
    write(project, "news/2019/2019-04-19-uroki.md", post_text())
    write(project, "news/2019/april/uroki.md", post_text(FRONT.replace("04-19", "04-25")))
    write(project, "news/2019/2019-05-01-uroki.md", post_text(FRONT.replace("04-19", "05-01")))
    write(project, "news/2019/uroki-draft/uroki.md", post_text(FRONT + "draft: true\n"))
    assert problems(project) == [
        "news/2019/april/uroki.md:3: адрес: адрес страницы news/2019/04/uroki/ совпадает "
        "с адресом записи news/2019/2019-04-19-uroki.md (тот же месяц и то же имя файла): "
        "переименуйте один из файлов.",
        "news/2019/uroki-draft/uroki.md:3: адрес: адрес страницы news/2019/04/uroki/ совпадает "
        "с адресом записи news/2019/2019-04-19-uroki.md (тот же месяц и то же имя файла): "
        "переименуйте один из файлов.",
    ]


def test_index_directly_in_news_is_refused(project: Path) -> None:
    write(project, "news/index.md", post_text())
    assert problems(project) == [
        "news/index.md:1: файл: файл news/index.md не может быть записью: положите запись "
        "в свою папку, например «news/2019/uroki/index.md», или переименуйте файл."
    ]


def test_file_name_without_letters(project: Path) -> None:
    write(project, "news/2019/!!!.md", post_text())
    assert problems(project) == [
        "news/2019/!!!.md:1: файл: из имени файла «!!!.md» не получается адрес страницы: "
        "назовите файл словами из букв и цифр, например «2019-04-19-uroki.md»."
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinks_out_of_news_are_refused(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    write(outside, "post.md", post_text())
    (outside / "secret.jpg").write_bytes(b"JPEG")
    (project / "news/2019/linked.md").symlink_to(outside / "post.md")
    (project / "news/2019/secret.jpg").symlink_to(outside / "secret.jpg")
    write(project, SOURCE, post_text(FRONT + "image: secret.jpg\n"))
    assert problems(project) == [
        f"{SOURCE}:5: image: файл «secret.jpg» — ссылка на файл вне папки news/: положите "
        "рядом с записью сам файл, а не ссылку на него.",
        "news/2019/linked.md:1: файл: файл — ссылка на файл вне папки news/: положите "
        "в news/ сам файл записи, а не ссылку на него.",
    ]


def test_symlinked_folder_is_not_entered(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "post.md", "не запись")
    (project / "news/linked").symlink_to(outside, target_is_directory=True)
    write(project, SOURCE, post_text())
    assert [post.source for post in load(project).posts] == [SOURCE]


def test_all_problems_of_all_files_at_once(project: Path) -> None:
    write(project, "news/2019/a.md", post_text("title: А\ndate: 2019-02-30\ncategory: x\n"))
    write(project, "news/2019/b.md", "без заголовка\n")
    write(project, "news/2019/c.md", post_text())
    found = problems(project)
    assert [problem.split(": ")[0] for problem in found] == [
        "news/2019/a.md:3",
        "news/2019/a.md:4",
        "news/2019/b.md:1",
    ]
    assert "такой даты нет" in found[0]
    assert "неизвестная категория «x»" in found[1]
